package io.counterpower.query.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TimeZone;

/**
 * A fork beside its upstream over time (METHODOLOGY.md section 7, "Forks"): one panel per indicator (active contributors,
 * organisations, elephant factor), the fork as a solid line and the upstream as a dashed one, the upstream's restrictive
 * relicense, the fork point and the fork event as vertical markers. Unknown values are gaps, never zeros; a point whose
 * coverage is below min_coverage is hollow.
 */
final class ForkChart {
    static final int WIDTH = 800, HEIGHT = 640;
    private static final TimeZone UTC = TimeZone.getTimeZone(ZoneOffset.UTC);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    private static final Color FORK = new Color(0x1f4e99), UPSTREAM = new Color(0xb26a00);
    private static final Color RELICENSE = new Color(0xc62828), FORKED = new Color(0x2e7d32), POINT = new Color(0x616161);
    private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 200);

    /** One side of a panel at each date: the value (null: unknown) and its coverage. */
    record Side(List<Double> values, List<Double> coverages) {
    }

    /** One indicator: its title in words and both sides. */
    record Panel(String title, Side fork, Side upstream) {
    }

    /** A dated event drawn across every panel. */
    record Marker(LocalDate at, String label, String kind) {
    }

    private final String forkName, upstreamName, caption;
    private final List<LocalDate> days;
    private final List<Panel> panels;
    private final List<Marker> markers;
    private final double minCoverage;

    ForkChart(String forkName, String upstreamName, String caption, List<LocalDate> days, List<Panel> panels, List<Marker> markers,
              double minCoverage) {
        this.forkName = forkName;
        this.upstreamName = upstreamName;
        this.caption = caption;
        this.days = days;
        this.panels = panels;
        this.markers = markers;
        this.minCoverage = minCoverage;
    }

    String title() {
        return forkName + " beside " + upstreamName + " since the fork";
    }

    String gapNote() {
        long unknown = 0, all = 0;
        for (Panel p : panels) {
            for (Side s : List.of(p.fork(), p.upstream())) {
                all += s.values().size();
                unknown += s.values().stream().filter(v -> v == null).count();
            }
        }
        return unknown == 0 ? "Every date has a value on both sides"
                : unknown + " of " + all + " values unknown (gaps in the lines; a side not collected is not zero)";
    }

    String svg() {
        JFreeChart chart = chart();
        SVGGraphics2D g = Svg.canvas(WIDTH, HEIGHT);
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        return Svg.document(g, title() + ". " + caption + ". " + gapNote());
    }

    private JFreeChart chart() {
        DateAxis time = new DateAxis("Date");
        time.setTimeZone(UTC);
        time.setLowerMargin(0.01);
        time.setUpperMargin(0.01);
        // The axis reaches back to the markers: the relicense and the fork point precede the first step's end.
        long first = days.isEmpty() ? 0 : millis(days.get(0)), last = days.isEmpty() ? 0 : millis(days.get(days.size() - 1));
        for (Marker m : markers) {
            first = Math.min(first, millis(m.at()));
            last = Math.max(last, millis(m.at()));
        }
        if (last > first) {
            long pad = (last - first) / 50;
            time.setRange(new java.util.Date(first - pad), new java.util.Date(last + pad));
        }
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(time);
        combined.setGap(12);
        boolean labelled = true;
        for (Panel p : panels) {
            combined.add(panel(p, labelled), 1);
            labelled = false;
        }
        JFreeChart chart = new JFreeChart(title(), TITLE, combined, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 4, 4, 24));
        chart.addSubtitle(new TextTitle(caption, SMALL));
        chart.addSubtitle(new TextTitle(gapNote(), SMALL));
        LegendTitle legend = new LegendTitle(this::legendItems);
        legend.setItemFont(SMALL);
        legend.setPosition(RectangleEdge.BOTTOM);
        chart.addSubtitle(legend);
        return chart;
    }

    private XYPlot panel(Panel p, boolean labelMarkers) {
        TimeSeriesCollection data = new TimeSeriesCollection(UTC);
        data.addSeries(series(forkName, p.fork()));
        data.addSeries(series(upstreamName, p.upstream()));
        NumberAxis value = new NumberAxis(p.title());
        value.setAutoRangeIncludesZero(true);
        value.setLabelFont(SMALL);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true) {
            @Override
            public boolean getItemShapeFilled(int s, int item) {
                List<Double> c = (s == 0 ? p.fork() : p.upstream()).coverages();
                return item >= c.size() || c.get(item) == null || c.get(item) >= minCoverage;
            }
        };
        renderer.setSeriesPaint(0, FORK);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        renderer.setSeriesPaint(1, UPSTREAM);
        renderer.setSeriesStroke(1, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 3f}, 0f));
        renderer.setSeriesShape(1, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        XYPlot plot = new XYPlot(data, null, value, renderer);
        // The panel's title in words, written across its top left (a rotated axis label alone is easy to miss).
        TextTitle heading = new TextTitle(p.title(), SMALL);
        heading.setBackgroundPaint(LABEL_BACKGROUND);
        plot.addAnnotation(new org.jfree.chart.annotations.XYTitleAnnotation(0.01, 0.98, heading, RectangleAnchor.TOP_LEFT));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        int row = 0;
        for (Marker m : markers) {
            ValueMarker marker = new ValueMarker(millis(m.at()));
            Color colour = colour(m.kind());
            marker.setPaint(colour);
            marker.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{5f, 3f}, 0f));
            if (labelMarkers) {
                marker.setLabel(m.at() + " " + m.label());
                marker.setLabelFont(SMALL);
                marker.setLabelPaint(colour);
                marker.setLabelBackgroundColor(LABEL_BACKGROUND);
                marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                marker.setLabelOffset(new RectangleInsets(4 + 13 * (row++ % 3), 3, 2, 3));
            }
            plot.addDomainMarker(marker, Layer.FOREGROUND);
        }
        return plot;
    }

    private TimeSeries series(String name, Side side) {
        TimeSeries line = new TimeSeries(name);
        for (int i = 0; i < days.size(); i++) {
            LocalDate d = days.get(i);
            line.add(new Day(d.getDayOfMonth(), d.getMonthValue(), d.getYear()), side.values().get(i));
        }
        return line;
    }

    private LegendItemCollection legendItems() {
        LegendItemCollection items = new LegendItemCollection();
        items.add(item(forkName + " (the fork)", FORK, new Rectangle2D.Double(-6, -1.5, 12, 3)));
        items.add(item(upstreamName + " (the upstream, dashed)", UPSTREAM, new Rectangle2D.Double(-6, -1.5, 12, 3)));
        items.add(item("hollow point: coverage below " + minCoverage, Color.GRAY, new Ellipse2D.Double(-3, -3, 6, 6)));
        for (String kind : List.of("relicense", "fork point", "fork")) {
            if (markers.stream().anyMatch(m -> m.kind().equals(kind))) {
                items.add(item(switch (kind) {
                    case "relicense" -> "the upstream's restrictive relicense";
                    case "fork point" -> "the fork point (last shared commit)";
                    default -> "the fork announced";
                }, colour(kind), new Rectangle2D.Double(-1, -6, 2, 12)));
            }
        }
        return items;
    }

    private static LegendItem item(String label, Color colour, java.awt.Shape shape) {
        LegendItem item = new LegendItem(label, null, null, null, shape, colour);
        item.setLabelFont(SMALL);
        return item;
    }

    private static Color colour(String kind) {
        return switch (kind) {
            case "relicense" -> RELICENSE;
            case "fork" -> FORKED;
            default -> POINT;
        };
    }

    private static long millis(LocalDate d) {
        return d.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
