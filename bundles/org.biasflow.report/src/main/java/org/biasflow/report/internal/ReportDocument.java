package org.biasflow.report.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The report as a list of blocks, rendered once as Markdown (figures linked) and once as a self-contained HTML
 * page (figures embedded), so the two always say the same.
 */
final class ReportDocument {

    sealed interface Block permits Heading, Paragraph, Table, Figure {
    }

    record Heading(int level, String text) implements Block {
    }

    record Paragraph(String text) implements Block {
    }

    record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    /** A figure, by its PNG and SVG files relative to the report's folder. */
    record Figure(String caption, String png, String svg) implements Block {
    }

    private final List<Block> blocks = new ArrayList<>();

    ReportDocument add(Block block) {
        blocks.add(block);
        return this;
    }

    List<Block> blocks() {
        return List.copyOf(blocks);
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        for (Block block : blocks) {
            if (block instanceof Heading heading) {
                out.append("#".repeat(heading.level())).append(' ').append(heading.text()).append("\n\n");
            } else if (block instanceof Paragraph paragraph) {
                out.append(paragraph.text()).append("\n\n");
            } else if (block instanceof Table table) {
                out.append("| ").append(String.join(" | ", table.header())).append(" |\n");
                out.append("|").append("---|".repeat(table.header().size())).append('\n');
                table.rows().forEach(row -> out.append("| ").append(String.join(" | ", row)).append(" |\n"));
                out.append('\n');
            } else if (block instanceof Figure figure) {
                out.append("![").append(figure.caption()).append("](").append(figure.png()).append(")\n\n*")
                        .append(figure.caption()).append("* ([SVG](").append(figure.svg()).append("))\n\n");
            }
        }
        return out.toString();
    }

    String html(Path folder, String title) throws IOException {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>").append(escape(title)).append("</title><style>")
                .append("body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2em .5em}")
                .append("img{max-width:100%}</style></head><body>\n");
        for (Block block : blocks) {
            if (block instanceof Heading heading) {
                out.append("<h").append(heading.level()).append('>').append(escape(heading.text())).append("</h")
                        .append(heading.level()).append(">\n");
            } else if (block instanceof Paragraph paragraph) {
                out.append("<p>").append(escape(paragraph.text())).append("</p>\n");
            } else if (block instanceof Table table) {
                out.append("<table><tr>");
                table.header().forEach(cell -> out.append("<th>").append(escape(cell)).append("</th>"));
                out.append("</tr>\n");
                for (List<String> row : table.rows()) {
                    out.append("<tr>");
                    row.forEach(cell -> out.append("<td>").append(escape(cell)).append("</td>"));
                    out.append("</tr>\n");
                }
                out.append("</table>\n");
            } else if (block instanceof Figure figure) {
                String png = Base64.getEncoder().encodeToString(Files.readAllBytes(folder.resolve(figure.png())));
                out.append("<figure><img alt=\"").append(escape(figure.caption()))
                        .append("\" src=\"data:image/png;base64,").append(png).append("\"><figcaption>")
                        .append(escape(figure.caption())).append("</figcaption></figure>\n");
            }
        }
        return out.append("</body></html>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("`", "");
    }
}
