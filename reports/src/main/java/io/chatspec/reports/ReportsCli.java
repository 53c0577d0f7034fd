package io.chatspec.reports;

import io.chatspec.reports.capacity.CapacityCommand;
import io.chatspec.reports.conformance.ConformanceCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar chatspec-reports.jar conformance|capacity ...} */
@Command(name = "chatspec-reports", mixinStandardHelpOptions = true, version = "chatspec-reports 0.1.0",
        description = "Static HTML reports that open from disk with no network.",
        subcommands = {ConformanceCommand.class, CapacityCommand.class})
public final class ReportsCli implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cli = new CommandLine(new ReportsCli());
        // A bad input folder is a usage problem for the person at the terminal, not a stack trace.
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
