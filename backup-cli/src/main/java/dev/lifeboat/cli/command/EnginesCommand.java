package dev.lifeboat.cli.command;

import dev.lifeboat.cli.output.EngineOptionListing;
import dev.lifeboat.cli.output.JsonDocuments;
import dev.lifeboat.cli.wiring.Adapters;
import dev.lifeboat.domain.spi.BackupRepositoryProvider;
import dev.lifeboat.domain.spi.DatabaseEngine;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code lifeboat engines}: the database engines and repository kinds this build has, and where each came from. */
@Command(name = "engines", mixinStandardHelpOptions = true,
        description = {"List the database engines this lifeboat has, with the locations and the options each accepts, and its "
                + "repository kinds; each says where it came from: built in, or the plug-in jar that added it.",
                "Plug-ins are the jars in $LIFEBOAT_PLUGIN_PATH (directories and jars separated by ':'), else in "
                + "the directory plugins under the user's configuration directory ($XDG_CONFIG_HOME/lifeboat, by "
                + "default ~/.config/lifeboat)."},
        footer = {"", "Example:", "  lifeboat engines"})
final class EnginesCommand extends LifeboatSubcommand {

    @Override
    public Integer call() {
        Adapters adapters = context().adapters();
        List<DatabaseEngine> engines = adapters.engines().engines();
        List<BackupRepositoryProvider> repositoryKinds = adapters.repositoryProviders();
        if (output.json) {
            printJson(JsonDocuments.engines(engines, repositoryKinds,
                    adapter -> adapters.plugins().jarOf(adapter.getClass())));
            return 0;
        }
        for (DatabaseEngine engine : engines) {
            out().printf("%-12s %s (%s)%n", engine.id(), engine.displayName(), adapters.plugins().origin(engine));
            engine.locationExamples().forEach(example -> out().printf("%-12s   %s%n", "", example));
            EngineOptionListing.describe(engine, out(), " ".repeat(13));
        }
        out().printf("%nRepository kinds:%n");
        for (BackupRepositoryProvider kind : repositoryKinds) {
            out().printf("%-12s (%s)%n", kind.id(), adapters.plugins().origin(kind));
        }
        out().flush();
        return 0;
    }
}
