package io.counterpower.query.chart;

import io.counterpower.indicator.StageAssessment;
import org.jfree.svg.SVGGraphics2D;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/**
 * A shields-style badge: "co-optation" on grey, then the stage and the capture risk on a colour that
 * rises with the risk (grey when the risk is unknown). Drawn with JFreeSVG like the charts, so the text
 * widths come from real font metrics and the text is escaped by the library.
 */
final class StageBadge {
    static final String LABEL = "co-optation";
    private static final int HEIGHT = 20, PADDING = 6;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color LABEL_COLOUR = new Color(0x555555);
    private static final Color UNKNOWN = new Color(0x9f9f9f);

    private final String projectName;
    private final StageAssessment assessment;

    StageBadge(String projectName, StageAssessment assessment) {
        this.projectName = projectName;
        this.assessment = assessment;
    }

    /**
     * Version 1: "stage · risk 71". Version 2 (METHODOLOGY.md section 4, "Where it is shown"): the evidence
     * goes with the verdict, "capture · risk 71 · 6/20 signals", "capture · risk n/a · 3/20 signals" when the
     * risk is not known, and "insufficient evidence" (grey) when the stage is undetermined.
     */
    String message() {
        Integer risk = assessment.captureRisk();
        if (assessment.evidenceCounts() == null) {
            return assessment.stage() + " \u00b7 risk " + (risk == null ? "unknown" : risk);
        }
        if ("undetermined".equals(assessment.stage())) {
            return "insufficient evidence";
        }
        int present = 0, defined = 0;
        for (StageAssessment.FamilyEvidence f : assessment.evidenceCounts().values()) {
            present += f.present();
            defined += f.defined();
        }
        return assessment.stage() + " \u00b7 risk " + (risk == null ? "n/a" : risk) + " \u00b7 " + present + "/" + defined + " signals";
    }

    /** Colours of the shields palette by quarter of the 0..100 scale. */
    static Color colour(Integer risk) {
        if (risk == null) {
            return UNKNOWN;
        }
        return risk < 25 ? new Color(0x44cc11) : risk < 50 ? new Color(0xdfb317) : risk < 75 ? new Color(0xfe7d37) : new Color(0xe05d44);
    }

    String svg() {
        SVGGraphics2D probe = Svg.canvas(1, 1);
        FontMetrics metrics = probe.getFontMetrics(FONT);
        int left = metrics.stringWidth(LABEL) + 2 * PADDING;
        int right = metrics.stringWidth(message()) + 2 * PADDING;
        int width = left + right;

        SVGGraphics2D g = Svg.canvas(width, HEIGHT);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setClip(new RoundRectangle2D.Double(0, 0, width, HEIGHT, 6, 6));
        g.setColor(LABEL_COLOUR);
        g.fill(new Rectangle2D.Double(0, 0, left, HEIGHT));
        g.setColor(colour(assessment.captureRisk()));
        g.fill(new Rectangle2D.Double(left, 0, right, HEIGHT));
        g.setPaint(new GradientPaint(0, 0, new Color(0xbb, 0xbb, 0xbb, 0x1a), 0, HEIGHT, new Color(0, 0, 0, 0x1a)));
        g.fill(new Rectangle2D.Double(0, 0, width, HEIGHT));
        g.setFont(FONT);
        text(g, LABEL, PADDING, metrics);
        text(g, message(), left + PADDING, metrics);
        return Svg.document(g, title());
    }

    /** White text over a faint shadow, as shields draws it. */
    private static void text(SVGGraphics2D g, String s, int x, FontMetrics metrics) {
        int baseline = (HEIGHT - metrics.getHeight()) / 2 + metrics.getAscent();
        g.setColor(new Color(1, 1, 1, 0x4d));
        g.drawString(s, x, baseline + 1);
        g.setColor(Color.WHITE);
        g.drawString(s, x, baseline);
    }

    private String title() {
        Integer risk = assessment.captureRisk();
        return "Counterpower: " + projectName + " (" + assessment.project() + ") is at stage " + assessment.stage()
                + ", capture risk " + (risk == null ? "unknown" : risk + " of 100") + ", on " + assessment.at()
                + " (window " + assessment.window() + ", methodology v" + assessment.methodologyVersion()
                + ", data version " + (assessment.dataVersion() == null ? "unknown" : assessment.dataVersion())
                + (assessment.asRecordedOn() == null ? "" : ", as recorded on " + assessment.asRecordedOn()) + ")";
    }
}
