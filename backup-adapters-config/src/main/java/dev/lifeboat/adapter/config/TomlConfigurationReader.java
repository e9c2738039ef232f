package dev.lifeboat.adapter.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifeboat.domain.config.Configuration;
import dev.lifeboat.domain.spi.ConfigurationReader;
import java.nio.file.Path;

/**
 * Reads {@code lifeboat.toml}: defaults for every database, then one {@code [databases.NAME]} table per database.
 * The format is described in docs/configuration.md. Every problem in a file is reported at once, each with its line
 * and key, so a typo is never silently ignored and never takes more than one run to find.
 */
public final class TomlConfigurationReader implements ConfigurationReader {

    public TomlConfigurationReader() {
        // found by ServiceLoader
    }

    @Override
    public String defaultFileName() {
        return "lifeboat.toml";
    }

    @Override
    public Configuration read(Path file) {
        String name = file.toString();
        String text = ConfigurationText.read(file);
        ObjectNode root = TomlSyntax.parse(text, name);
        TomlDocument document = new TomlDocument(name, root, KeyLineScanner.scan(text));
        Path directory = file.toAbsolutePath().normalize().getParent();
        ConfigurationSource source = new ConfigurationSource(name, directory, FileReadability.readableByOthers(file));
        return new ConfigurationInterpreter(document, source).interpret();
    }
}
