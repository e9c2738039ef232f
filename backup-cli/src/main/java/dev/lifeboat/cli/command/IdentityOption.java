package dev.lifeboat.cli.command;

import picocli.CommandLine.Option;

/** {@code --identity FILE}: the file of identities that decrypt encrypted archives. */
final class IdentityOption {

    static final String VARIABLE = "LIFEBOAT_IDENTITY_FILE";

    @Option(names = "--identity", paramLabel = "FILE", description = "The identity file that decrypts encrypted "
            + "archives (*.lifeboat.tar.age): one AGE-SECRET-KEY-1... a line, as age-keygen and 'lifeboat key "
            + "generate' write it. Default: $" + VARIABLE + ", else identity = \"file:PATH\" in the configuration "
            + "file's [encryption]. Only ever a file: a key itself is never taken on the command line.")
    String file;
}
