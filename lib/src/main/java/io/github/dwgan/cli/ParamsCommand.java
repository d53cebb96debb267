package io.github.dwgan.cli;

import io.github.dwgan.model.ParameterTable;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the parameter counts of the four architectures beside the paper's. */
@Command(
        name = "params",
        mixinStandardHelpOptions = true,
        description = "Prints G and D parameter counts, paper vs ours, with relative differences.")
public final class ParamsCommand implements Callable<Integer> {
    @Option(names = "--image-size", defaultValue = "128", description = "Image size.")
    int imageSize;

    @Option(names = "--domains", defaultValue = "5", description = "Number of domains.")
    int domains;

    @Option(names = "--csv", description = "Also write the table as CSV to this file.")
    Path csv;

    @Override
    public Integer call() throws Exception {
        ParameterTable table = ParameterTable.of(imageSize, domains);
        System.out.print(table.format());
        if (csv != null) {
            table.writeCsv(csv);
            System.out.println("wrote " + csv);
        }
        return 0;
    }
}
