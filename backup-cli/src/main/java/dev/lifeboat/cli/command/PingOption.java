package dev.lifeboat.cli.command;

import dev.lifeboat.cli.notify.Pings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --ping URL}: a healthchecks.io-style check, told when a run starts and how it ended. Shared by the commands
 * a scheduler runs (backup, check).
 */
final class PingOption {

    /** The variable that gives the ping URL when the flag does not. */
    static final String VARIABLE = "LIFEBOAT_PING_URL";

    @Option(names = "--ping", paramLabel = "URL", description = "healthchecks.io-style pings: URL/start when the run "
            + "starts, URL when it succeeds, URL/fail when it fails (default: $" + VARIABLE + "). A ping that cannot "
            + "be sent is reported but never fails the run. The URL is a secret: prefer the variable, which the process list "
            + "does not show.")
    String url;

    /**
     * The pings of this run: none without a URL.
     *
     * @throws dev.lifeboat.domain.error.InvalidUsageException when the URL is not an http(s) URL with a host
     */
    Pings pings(CommandContext context) {
        Optional<String> text = Optional.ofNullable(url).or(() -> context.environment().variable(VARIABLE));
        return new Pings(text.map(PingOption::parse), context.environment().err());
    }

    private static URI parse(String text) {
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // said below, without the URL: its path is the check's secret
        }
        throw new dev.lifeboat.domain.error.InvalidUsageException("the ping URL (--ping or $" + VARIABLE + ") must be "
                + "an http:// or https:// URL with a host, such as https://hc-ping.com/UUID");
    }
}
