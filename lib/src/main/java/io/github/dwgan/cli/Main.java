package io.github.dwgan.cli;

import io.github.dwgan.train.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Runs the {@code dwgan} command line: one subcommand per job. */
@Command(
        name = "dwgan",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "DepthwiseGANs in Java: train, evaluate and compare the four architectures.",
        subcommands = {
            TrainCommand.class,
            AblationCommand.class,
            ParamsCommand.class,
            PrepareCommand.class,
            FidCommand.class,
            EvaluateCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    /** Prints the usage when no subcommand is given. */
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Returns the configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(
                (ex, cmd, parsed) -> {
                    cmd.getErr()
                            .println(cmd.getColorScheme().errorText("error: " + ex.getMessage()));
                    if (Boolean.getBoolean("dwgan.trace")) {
                        ex.printStackTrace(cmd.getErr());
                    } else {
                        cmd.getErr()
                                .println(
                                        "(for a stack trace: DWGAN_JAVA_OPTS=-Ddwgan.trace=true"
                                                + " ./dwgan ...)");
                    }
                    return 1;
                });
        return cl;
    }

    /** Supplies the version from the library's build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dwgan " + Provenance.libraryVersion()};
        }
    }
}
