package io.counterpower.query.chart;

import io.counterpower.indicator.AssessmentService.StagePoint;
import io.counterpower.indicator.IndicatorSeriesView;
import io.counterpower.license.LicenseChangeKind;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TimeZone;

/**
 * A line chart of one indicator over the dates of a series: the stage at each date as background bands,
 * license changes as vertical markers; unknown values (null) are gaps, never zeros.
 */
final class IndicatorChart {
    static final int WIDTH = 800, HEIGHT = 420;
    private static final TimeZone UTC = TimeZone.getTimeZone(ZoneOffset.UTC);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    private static final Color LINE = new Color(0x1f4e99);
    private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 200);
    /** Light background colours, from calm (emergence) to alarming (capture). */
    static final Map<String, Color> STAGE_COLOURS = Map.of("undetermined", new Color(0xf0f0f0),
            "emergence", new Color(0xe3eefa), "adoption", new Color(0xe2f3e5), "contribution", new Color(0xfdf3d3),
            "direction", new Color(0xfde1c9), "capture", new Color(0xf8d2d0));
    private static final List<String> STAGE_ORDER = List.of("undetermined", "emergence", "adoption", "contribution", "direction", "capture");

    /** A license change at a date: its label and direction (restrictive changes are drawn red). */
    record Marker(LocalDate at, String label, LicenseChangeKind direction) {
    }

    private final String indicator;
    private final String unit;
    private final String projectName;
    private final IndicatorSeriesView series;
    private final List<Double> values;
    private final List<StagePoint> stages;
    private final List<Marker> markers;

    private List<Double> coverages = List.of();
    private double minCoverage;
    private String serviceUrl;

    IndicatorChart(String indicator, String unit, String projectName, IndicatorSeriesView series, List<Double> values,
                   List<StagePoint> stages, List<Marker> markers) {
        this.indicator = indicator;
        this.unit = unit;
        this.projectName = projectName;
        this.series = series;
        this.values = values;
        this.stages = stages;
        this.markers = markers;
    }

    /** The coverage of each point (null: not applicable) and the methodology's min_coverage, for hollow points. */
    IndicatorChart coverage(List<Double> coverages, double minCoverage) {
        this.coverages = coverages;
        this.minCoverage = minCoverage;
        return this;
    }

    /** The address of this chart, printed in its caption line so that a copy can be traced back. */
    IndicatorChart source(String serviceUrl) {
        this.serviceUrl = serviceUrl;
        return this;
    }

    String svg() {
        JFreeChart chart = chart();
        SVGGraphics2D g = Svg.canvas(WIDTH, HEIGHT);
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        return Svg.document(g, title() + ". " + versions() + ". " + gapNote());
    }

    /** Chart titles in words (a reader of a published chart should not need the indicator ids). */
    static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry(Charts.CAPTURE_RISK, "Capture risk (0 to 100)"),
            Map.entry("contributors_active", "Active contributors"),
            Map.entry("affiliation_coverage", "Share of contributions whose contributor's affiliation is known"),
            Map.entry("corporate_share", "Share of known contributions by company employees"),
            Map.entry("independent_share", "Share of known contributions by independents"),
            Map.entry("top_org_share", "Share of known contributions by the top organisation"),
            Map.entry("elephant_factor", "Organisations doing half of the known work (elephant factor)"),
            Map.entry("org_hhi", "Concentration of known contributions among organisations (HHI)"),
            Map.entry("org_count", "Organisations contributing"),
            Map.entry("bus_factor", "Contributors doing half of the work (bus factor)"),
            Map.entry("new_orgs", "Organisations contributing for the first time"),
            Map.entry("hired_contributors", "Independent contributors hired by companies"),
            Map.entry("seats_total", "Governance seats"),
            Map.entry("seat_orgs", "Organisations holding governance seats"),
            Map.entry("corporate_seat_share", "Share of governance seats held by companies"),
            Map.entry("top_org_seat_share", "Share of governance seats held by the top organisation"),
            Map.entry("seat_hhi", "Concentration of governance seats (HHI)"),
            Map.entry("gatekeeper_top_org_share", "Share of merges by the organisation that merges most"),
            Map.entry("funding_total_usd", "Verified funding in the window (USD)"),
            Map.entry("funder_count", "Funders"),
            Map.entry("corporate_funding_share", "Share of funding from companies"),
            Map.entry("top_funder_share", "Share of funding from the top funder"),
            Map.entry("funder_hhi", "Concentration of funding among funders (HHI)"),
            Map.entry("license_restrictiveness", "License restrictiveness (level 0 to 7)"),
            Map.entry("license_capture", "Capture reading of the license (0 open, 0.5 use-restricted, 1 source-available or closed)"),
            Map.entry("adopter_orgs", "Organisations using the project"),
            Map.entry("corporate_adopters", "Companies using the project"),
            Map.entry("derivatives", "Derivatives published"),
            Map.entry("downloads", "Downloads in the window"),
            Map.entry("openness", "Openness of the model's components"),
            Map.entry("walkaway_share", "Share of known contributions outside the top organisation (walk-away)"),
            Map.entry("walkaway_maintainers", "Maintainer seats outside the top organisation"),
            Map.entry("walkaway_mergers", "People outside the top organisation who merged"),
            Map.entry("derivative_orgs", "Organisations and people publishing derivatives"),
            Map.entry("fork_response_days", "Days from the upstream's restrictive relicense to the fork"),
            Map.entry("fork_carried_people", "Share of the upstream's top contributors who joined the fork"),
            Map.entry("derivative_publishers", "Publishers of derivatives"),
            Map.entry("derivative_publisher_hhi", "Concentration of derivatives among publishers (HHI)"),
            Map.entry("independent_derivative_share", "Share of derivatives by people and community organisations"),
            Map.entry("afterlife_derivatives", "Derivatives published after a newer release superseded their base"),
            Map.entry("seat_overrepresentation", "Largest seat share of a body minus the same organisation's share of contributions"),
            Map.entry("bodies_over_one_third", "Governing bodies with one organisation above a third of the seats"),
            Map.entry("bodies_under_two_orgs", "Governing bodies with fewer than two organisations"));

    private String title() {
        return TITLES.getOrDefault(indicator, indicator.replace('_', ' ')) + " \u2014 " + projectName;
    }

    /** What a citation needs to reproduce the figure: project, window, methodology, data version and the service URL. */
    private String versions() {
        String text = projectName + " (" + series.project() + ") \u00b7 window " + series.window() + ", end of each "
                + series.step() + " (UTC) \u00b7 methodology v" + series.methodologyVersion() + " \u00b7 data version "
                + (series.dataVersion() == null ? "unknown" : series.dataVersion());
        text = series.asRecordedOn() == null ? text : text + " \u00b7 as recorded on " + series.asRecordedOn();
        return serviceUrl == null ? text : text + " \u00b7 " + serviceUrl;
    }

    private String gapNote() {
        long unknown = values.stream().filter(Objects::isNull).count();
        return unknown == 0 ? "Every date has a value" : unknown + " of " + values.size() + " dates unknown (gaps in the line)";
    }

    private JFreeChart chart() {
        TimeSeries line = new TimeSeries(indicator);
        for (int i = 0; i < values.size(); i++) {
            line.add(day(series.points().get(i)), values.get(i));
        }
        DateAxis time = new DateAxis("Date");
        time.setTimeZone(UTC);
        time.setLowerMargin(0.01);
        time.setUpperMargin(0.01);
        NumberAxis value = new NumberAxis(unit == null ? indicator : indicator + " (" + unit + ")");
        value.setAutoRangeIncludesZero(true);
        if ("share".equals(unit) || (unit != null && unit.startsWith("index"))) {
            value.setRange(0, 1.05);
        } else if (indicator.equals(Charts.CAPTURE_RISK)) {
            value.setRange(0, 105);
        }
        // A point whose coverage is below min_coverage is drawn hollow: shown, but not enough input to lean on.
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true) {
            @Override
            public boolean getItemShapeFilled(int s, int item) {
                return item >= coverages.size() || coverages.get(item) == null || coverages.get(item) >= minCoverage;
            }
        };
        renderer.setSeriesPaint(0, LINE);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        XYPlot plot = new XYPlot(new TimeSeriesCollection(line, UTC), time, value, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        Set<String> shown = stageBands(plot);
        licenseMarkers(plot);

        JFreeChart chart = new JFreeChart(title(), TITLE, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        // Room on the right for the last date label of the axis.
        chart.setPadding(new RectangleInsets(4, 4, 4, 24));
        chart.addSubtitle(new TextTitle(versions(), SMALL));
        chart.addSubtitle(new TextTitle(gapNote(), SMALL));
        LegendTitle legend = new LegendTitle(() -> legendItems(shown));
        legend.setItemFont(SMALL);
        legend.setPosition(RectangleEdge.BOTTOM);
        chart.addSubtitle(legend);
        return chart;
    }

    /** One band per run of dates at the same stage, from the date before the run to its last date. */
    private Set<String> stageBands(XYPlot plot) {
        Set<String> shown = new LinkedHashSet<>();
        LocalDate bandStart = series.from();
        for (int i = 0; i < stages.size(); i++) {
            String stage = stages.get(i).stage();
            boolean lastOfRun = i == stages.size() - 1 || !stages.get(i + 1).stage().equals(stage);
            if (lastOfRun) {
                IntervalMarker band = new IntervalMarker(millis(bandStart), millis(stages.get(i).at()));
                band.setPaint(STAGE_COLOURS.getOrDefault(stage, Color.LIGHT_GRAY));
                band.setOutlinePaint(null);
                band.setLabel(stage);
                band.setLabelFont(SMALL);
                band.setLabelPaint(Color.DARK_GRAY);
                band.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                band.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                band.setLabelOffset(new RectangleInsets(2, 3, 2, 3));
                band.setLabelBackgroundColor(LABEL_BACKGROUND);
                plot.addDomainMarker(band, Layer.BACKGROUND);
                shown.add(stage);
                bandStart = stages.get(i).at();
            }
        }
        return shown;
    }

    private void licenseMarkers(XYPlot plot) {
        int row = 0;
        long middle = (millis(series.from()) + millis(series.to())) / 2;
        for (Marker m : markers) {
            // A label runs away from the nearer edge, so that it is not cut off.
            boolean right = millis(m.at()) < middle;
            ValueMarker marker = new ValueMarker(millis(m.at()));
            marker.setPaint(colour(m.direction()));
            marker.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{5f, 3f}, 0f));
            marker.setLabel(m.at() + " " + m.label());
            marker.setLabelFont(SMALL);
            marker.setLabelPaint(colour(m.direction()));
            marker.setLabelBackgroundColor(LABEL_BACKGROUND);
            marker.setLabelAnchor(right ? RectangleAnchor.BOTTOM_RIGHT : RectangleAnchor.BOTTOM_LEFT);
            marker.setLabelTextAnchor(right ? TextAnchor.BOTTOM_LEFT : TextAnchor.BOTTOM_RIGHT);
            // Staggered so that changes close in time do not write over each other.
            marker.setLabelOffset(new RectangleInsets(2, 3, 4 + 13 * (row++ % 4), 3));
            plot.addDomainMarker(marker, Layer.FOREGROUND);
        }
    }

    private LegendItemCollection legendItems(Set<String> stagesShown) {
        LegendItemCollection items = new LegendItemCollection();
        LegendItem line = new LegendItem(indicator, null, null, null, new Rectangle2D.Double(-6, -1.5, 12, 3), LINE);
        line.setLabelFont(SMALL);
        items.add(line);
        for (String stage : STAGE_ORDER) {
            if (stagesShown.contains(stage)) {
                LegendItem item = new LegendItem("stage: " + stage, STAGE_COLOURS.get(stage));
                item.setLabelFont(SMALL);
                items.add(item);
            }
        }
        if (!markers.isEmpty()) {
            LegendItem item = new LegendItem("license change (red: more restrictive)", null, null, null,
                    new Rectangle2D.Double(-1, -6, 2, 12), colour(LicenseChangeKind.RESTRICTIVE));
            item.setLabelFont(SMALL);
            items.add(item);
        }
        return items;
    }

    private static Color colour(LicenseChangeKind direction) {
        return switch (direction) {
            case RESTRICTIVE -> new Color(0xc62828);
            case LIBERALISING -> new Color(0x2e7d32);
            default -> new Color(0x616161);
        };
    }

    private static Day day(LocalDate d) {
        return new Day(d.getDayOfMonth(), d.getMonthValue(), d.getYear());
    }

    /** Noon UTC of the day: the points of a series are whole days. */
    private static long millis(LocalDate d) {
        return d.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
