package dev.lifeboat.adapter.config;

import java.nio.file.Path;

/**
 * Facts about the configuration file that reading its values needs.
 *
 * @param file             the file as the user named it, for messages
 * @param directory        its directory, absolute: relative paths in the file start there
 * @param readableByOthers whether its group or other users may read it, so a password in it is exposed
 */
record ConfigurationSource(String file, Path directory, boolean readableByOthers) {
}
