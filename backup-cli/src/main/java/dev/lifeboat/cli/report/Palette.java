package dev.lifeboat.cli.report;

import java.util.List;

/**
 * The Okabe-Ito palette (Okabe and Ito, "Color Universal Design", 2002): eight colours told apart with every common
 * colour-vision deficiency, in print and on a dark background alike (its black is left out; the report's text colour
 * takes its place). Series beyond seven repeat colours but keep their own marker shape.
 */
final class Palette {

    static final List<String> COLOURS = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
            "#F0E442");

    private Palette() {
    }

    static String colour(int series) {
        return COLOURS.get(series % COLOURS.size());
    }
}
