package io.counterpower.query.chart;

import org.jfree.svg.SVGGraphics2D;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;

/** Turns a JFreeSVG drawing into the SVG document the API serves. */
final class Svg {
    static final String MEDIA_TYPE = "image/svg+xml";
    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    static {
        // The service draws with Java 2D but has no display: never let AWT look for one.
        System.setProperty("java.awt.headless", "true");
    }

    private Svg() {
    }

    /**
     * A blank drawing surface. Created here so that the headless setting above is in force before
     * Java 2D starts.
     */
    static SVGGraphics2D canvas(double width, double height) {
        return new SVGGraphics2D(width, height);
    }

    /**
     * The drawing as a standalone document with {@code title} as its first child (what screen readers
     * and tooltips show). The markup is parsed and written again by the JDK's XML API, so the result is
     * well-formed XML and the title is escaped by the serialiser, not by us.
     */
    static String document(SVGGraphics2D drawing, String title) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(drawing.getSVGElement())));
            Element root = doc.getDocumentElement();
            Element titleElement = doc.createElementNS(SVG_NS, "title");
            titleElement.setTextContent(title);
            root.insertBefore(titleElement, root.getFirstChild());
            root.setAttribute("role", "img");
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (ParserConfigurationException | SAXException | IOException | TransformerException e) {
            throw new IllegalStateException("The SVG drawing is not well-formed XML", e);
        }
    }
}
