package org.biasflow.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Reads written chart files the way a viewer would, failing on anything a viewer would reject. */
final class ChartFileChecks {
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    private ChartFileChecks() {
    }

    static BufferedImage decodePng(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " is not an image ImageIO can decode");
        return image;
    }

    /** The variance of the pixels' grey levels (0 to 255): zero for a blank image. */
    static double greyVariance(BufferedImage image) {
        double sum = 0;
        double sumOfSquares = 0;
        int count = image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                double grey = 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
                sum += grey;
                sumOfSquares += grey * grey;
            }
        }
        double mean = sum / count;
        return sumOfSquares / count - mean * mean;
    }

    /** Parses the SVG as namespace-aware XML without fetching anything, and checks that it is an SVG document. */
    static Document parseSvg(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document document = factory.newDocumentBuilder().parse(file.toFile());
        assertEquals("svg", document.getDocumentElement().getLocalName());
        assertEquals(SVG_NAMESPACE, document.getDocumentElement().getNamespaceURI());
        return document;
    }

    /** The contents of the SVG's text elements. */
    static List<String> svgTexts(Path file) throws Exception {
        Document document = parseSvg(file);
        NodeList texts = document.getElementsByTagNameNS(SVG_NAMESPACE, "text");
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            contents.add(texts.item(i).getTextContent());
        }
        return contents;
    }

    static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }
}
