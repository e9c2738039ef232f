package dev.lifeboat.cli.command;

import dev.lifeboat.cli.output.EngineOptionListing;
import dev.lifeboat.cli.output.JsonDocuments;
import dev.lifeboat.domain.spi.DatabaseEngine;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code lifeboat engines}: the database engines this build has. */
@Command(name = "engines", mixinStandardHelpOptions = true,
        description = "List the database engines this lifeboat has, with the locations and the options each accepts.",
        footer = {"", "Example:", "  lifeboat engines"})
final class EnginesCommand extends LifeboatSubcommand {

    @Override
    public Integer call() {
        List<DatabaseEngine> engines = context().adapters().engines().engines();
        if (output.json) {
            printJson(JsonDocuments.engines(engines));
            return 0;
        }
        for (DatabaseEngine engine : engines) {
            out().printf("%-12s %s%n", engine.id(), engine.displayName());
            engine.locationExamples().forEach(example -> out().printf("%-12s   %s%n", "", example));
            EngineOptionListing.describe(engine, out(), " ".repeat(13));
        }
        out().flush();
        return 0;
    }
}
