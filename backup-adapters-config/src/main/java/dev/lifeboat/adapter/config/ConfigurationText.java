package dev.lifeboat.adapter.config;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a configuration file's text: UTF-8, as TOML requires. */
final class ConfigurationText {

    /**
     * Far more than any configuration needs. The limit keeps a wrong --config, such as a database file or a device,
     * from being read whole into memory.
     */
    static final int MAX_BYTES = 1024 * 1024;

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private ConfigurationText() {
    }

    /**
     * @throws UnavailableException  when the file is missing or cannot be read
     * @throws InvalidUsageException when it is too large or not UTF-8
     */
    static String read(Path file) {
        if (!Files.exists(file)) {
            throw new UnavailableException("no configuration file at " + file);
        }
        if (Files.isDirectory(file)) {
            throw new UnavailableException(file + " is a directory, not a configuration file: name the file itself, "
                    + "such as " + file.resolve("lifeboat.toml"));
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new UnavailableException("no configuration file at " + file, e);
        } catch (AccessDeniedException e) {
            throw new UnavailableException("cannot read the configuration file " + file + ": permission denied; "
                    + "make it readable by this user", e);
        } catch (IOException e) {
            throw new UnavailableException("cannot read the configuration file " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidUsageException(file + " is larger than " + MAX_BYTES / 1024 + " KiB, far larger than a "
                    + "configuration file: is it the right file?");
        }
        String text = decode(bytes, file);
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    private static String decode(byte[] bytes, Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new InvalidUsageException(file + ":" + lineAt(bytes, in.position()) + ": this line is not UTF-8 "
                    + "text: save the file as UTF-8, as TOML requires");
        }
        return out.flip().toString();
    }

    private static int lineAt(byte[] bytes, int position) {
        int line = 1;
        for (int i = 0; i < position; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
