package io.github.dwgan.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tabulates each architecture's parameter counts beside the paper's table I. */
public final class ParameterTable {
    private final Table table;

    private ParameterTable(Table table) {
        this.table = table;
    }

    /**
     * Counts the four architectures at the given size (the paper: 128 px, 5 CelebA domains).
     *
     * @param imageSize image size
     * @param numDomains number of domains
     * @return the table
     */
    public static ParameterTable of(int imageSize, int numDomains) {
        StringColumn name = StringColumn.create("model");
        LongColumn paperG = LongColumn.create("paper_G");
        LongColumn oursG = LongColumn.create("ours_G");
        DoubleColumn diffG = DoubleColumn.create("diff_G_%");
        LongColumn paperD = LongColumn.create("paper_D");
        LongColumn oursD = LongColumn.create("ours_D");
        DoubleColumn diffD = DoubleColumn.create("diff_D_%");
        for (Architecture a : Architecture.values()) {
            ModelConfig c = a.config(imageSize, 3, numDomains, 64, 6, 64, 6);
            long g = Models.countParameters(new Generator(c));
            long d = Models.countParameters(new Discriminator(c));
            name.append(a.paperName());
            paperG.append(a.paperGeneratorParameters());
            oursG.append(g);
            diffG.append(percent(g, a.paperGeneratorParameters()));
            paperD.append(a.paperDiscriminatorParameters());
            oursD.append(d);
            diffD.append(percent(d, a.paperDiscriminatorParameters()));
        }
        return new ParameterTable(
                Table.create("parameters", name, paperG, oursG, diffG, paperD, oursD, diffD));
    }

    private static double percent(long ours, long paper) {
        return Math.round(1000.0 * (ours - paper) / paper) / 10.0;
    }

    /** Returns the Tablesaw table. */
    public Table table() {
        return table;
    }

    /** Returns the table as aligned text. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-18s %12s %12s %8s %12s %12s %8s%n",
                        "model",
                        "paper G",
                        "ours G",
                        "diff",
                        "paper D",
                        "ours D",
                        "diff"));
        for (int r = 0; r < table.rowCount(); r++) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-18s %12s %,12d %+7.1f%% %12s %,12d %+7.1f%%%n",
                            table.stringColumn("model").get(r),
                            millions(table.longColumn("paper_G").get(r)),
                            table.longColumn("ours_G").get(r),
                            table.doubleColumn("diff_G_%").get(r),
                            millions(table.longColumn("paper_D").get(r)),
                            table.longColumn("ours_D").get(r),
                            table.doubleColumn("diff_D_%").get(r)));
        }
        return sb.toString();
    }

    private static String millions(long n) {
        return String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }

    /** Writes the table as CSV. */
    public void writeCsv(Path file) throws IOException {
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        table.write().csv(file.toFile());
    }
}
