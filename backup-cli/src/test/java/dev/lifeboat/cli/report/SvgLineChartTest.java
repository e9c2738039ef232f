package dev.lifeboat.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The charts are SVG made in Java: parsed here as XML, their points must be the figures given, where they belong. */
class SvgLineChartTest {

    private static final Instant START = Instant.parse("2026-11-01T03:00:00Z");

    @Test
    void every_point_is_a_marker_carrying_its_figures_with_time_left_to_right_and_value_bottom_to_top()
            throws Exception {
        List<ChartSeries.Point> points = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            points.add(new ChartSeries.Point(START.plus(Duration.ofDays(day)), (day + 1) * 3L * 1024 * 1024,
                    "shop_" + day + ".lifeboat.tar"));
        }
        Document svg = parse(new SvgLineChart("size", "Archive size", ValueFormat.BYTES)
                .render(List.of(new ChartSeries("shop", points))));

        List<Element> markers = elements(svg, "circle");
        assertThat(markers).hasSize(10);
        for (int i = 0; i < 10; i++) {
            Element marker = markers.get(i);
            assertThat(marker.getAttribute("data-label")).isEqualTo("shop_" + i + ".lifeboat.tar");
            assertThat(marker.getAttribute("data-value")).isEqualTo(Long.toString((i + 1) * 3L * 1024 * 1024));
            assertThat(Instant.parse(marker.getAttribute("data-time"))).isEqualTo(START.plus(Duration.ofDays(i)));
            if (i > 0) {
                Element before = markers.get(i - 1);
                assertThat(number(marker, "cx")).isGreaterThan(number(before, "cx"));
                assertThat(number(marker, "cy")).as("SVG's y grows downwards").isLessThan(number(before, "cy"));
            }
        }
        assertThat(number(markers.get(0), "cx")).isEqualTo(SvgLineChart.LEFT);
        assertThat(number(markers.get(9), "cx")).isEqualTo(SvgLineChart.WIDTH - SvgLineChart.RIGHT);
        assertThat(svg.getDocumentElement().getAttribute("data-unit")).isEqualTo("MiB");
        assertThat(markers.get(2).getTextContent()).contains("shop", "2026-11-03", "9.00 MiB");
    }

    /** The y axis starts at 0 and ends on a round number at or above the largest value, labelled in its unit. */
    @Test
    void the_value_axis_starts_at_zero_with_round_ticks_in_the_unit_and_the_time_axis_has_dates() throws Exception {
        Document svg = parse(new SvgLineChart("d", "Backup duration", ValueFormat.SECONDS).render(List.of(
                new ChartSeries("shop", List.of(new ChartSeries.Point(START, 12.5, "a"),
                        new ChartSeries.Point(START.plus(Duration.ofDays(20)), 41, "b"))))));

        List<String> yLabels = texts(svg, "y");
        assertThat(yLabels).contains("0.00", "50.0", "s");
        List<String> xLabels = texts(svg, "x");
        assertThat(xLabels).contains("2026-11-01", "2026-11-21", "time (UTC)");
        Element top = elements(svg, "circle").get(1);
        assertThat(number(top, "cy")).isGreaterThan(SvgLineChart.TOP).isLessThan(SvgLineChart.HEIGHT
                - SvgLineChart.BOTTOM);
    }

    /** Several databases: one line each in its own palette colour, named in the legend. */
    @Test
    void each_series_has_its_own_colour_and_legend_entry() throws Exception {
        Document svg = parse(new SvgLineChart("r", "Rows", ValueFormat.COUNT).render(List.of(
                new ChartSeries("shop", List.of(new ChartSeries.Point(START, 10, "a"))),
                new ChartSeries("orders <&>", List.of(new ChartSeries.Point(START.plusSeconds(3600), 20, "b"))))));

        List<Element> legend = elements(svg, "g").stream().filter(g -> g.getAttribute("class").equals("legend-item"))
                .toList();
        assertThat(legend).extracting(g -> g.getAttribute("data-series")).containsExactly("shop", "orders <&>");
        List<Element> lines = elements(svg, "polyline");
        assertThat(lines).extracting(line -> line.getAttribute("stroke"))
                .containsExactly(Palette.COLOURS.get(0), Palette.COLOURS.get(1));
    }

    @Test
    void a_chart_without_figures_says_so() throws Exception {
        Document svg = parse(new SvgLineChart("e", "Rows", ValueFormat.COUNT).render(List.of(
                new ChartSeries("shop", List.of()))));

        assertThat(elements(svg, "circle")).isEmpty();
        assertThat(svg.getDocumentElement().getTextContent()).contains("no figures to chart");
    }

    @Test
    void round_ceilings_and_units() {
        assertThat(SvgLineChart.niceCeiling(41)).isEqualTo(50);
        assertThat(SvgLineChart.niceCeiling(0.37)).isEqualTo(0.5);
        assertThat(SvgLineChart.niceCeiling(100)).isEqualTo(100);
        assertThat(SvgLineChart.niceCeiling(2.1)).isEqualTo(2.5);
        assertThat(ValueFormat.BYTES.unitFor(5L << 30).name()).isEqualTo("GiB");
        assertThat(ValueFormat.COUNT.format(1234567, ValueFormat.COUNT.unitFor(10))).isEqualTo("1,234,567");
    }

    /** The palette is Okabe-Ito's, the colour-blind-safe one. */
    @Test
    void the_palette_is_okabe_ito() {
        assertThat(Palette.COLOURS).containsExactly("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
                "#D55E00", "#F0E442");
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document document, String name) {
        NodeList nodes = document.getElementsByTagNameNS("http://www.w3.org/2000/svg", name);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** The texts of the axis with the given class. */
    private static List<String> texts(Document document, String axis) {
        return elements(document, "g").stream().filter(g -> g.getAttribute("class").equals("axis " + axis))
                .flatMap(g -> {
                    NodeList texts = g.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
                    List<String> found = new ArrayList<>();
                    for (int i = 0; i < texts.getLength(); i++) {
                        found.add(texts.item(i).getTextContent());
                    }
                    return found.stream();
                }).toList();
    }

    private static double number(Element element, String attribute) {
        return Double.parseDouble(element.getAttribute(attribute));
    }
}
