package io.evalstation.persistence.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an .xlsx the streaming way, independent of POI's user model: the zip's workbook, styles and
 * sheet XML parsed with StAX. Gives cell text, whether the cell's font is bold, frozen panes and
 * autofilters.
 */
final class XlsxStreamReader {
  record CellData(String ref, String value, boolean bold, String type) {}

  record SheetData(
      String name, List<List<CellData>> rows, boolean frozenHeader, String autoFilter) {
    List<String> values(int row) {
      return rows.get(row).stream().map(CellData::value).toList();
    }

    CellData cell(int row, int col) {
      String wanted = column(col);
      for (CellData c : rows.get(row)) {
        if (c.ref().replaceAll("[0-9]", "").equals(wanted)) {
          return c;
        }
      }
      return null;
    }
  }

  static String column(int index) {
    StringBuilder b = new StringBuilder();
    int i = index + 1;
    while (i > 0) {
      int r = (i - 1) % 26;
      b.insert(0, (char) ('A' + r));
      i = (i - 1) / 26;
    }
    return b.toString();
  }

  private static final XMLInputFactory XML = XMLInputFactory.newFactory();

  static Map<String, SheetData> read(Path file) throws IOException, XMLStreamException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Map<String, String> relTargets = new HashMap<>();
      parse(
          zip,
          "xl/_rels/workbook.xml.rels",
          r -> {
            if (r.getLocalName().equals("Relationship")) {
              relTargets.put(r.getAttributeValue(null, "Id"), r.getAttributeValue(null, "Target"));
            }
          });
      Map<String, String> sheets = new LinkedHashMap<>();
      parse(
          zip,
          "xl/workbook.xml",
          r -> {
            if (r.getLocalName().equals("sheet")) {
              String id = null;
              for (int i = 0; i < r.getAttributeCount(); i++) {
                if (r.getAttributeLocalName(i).equals("id")) {
                  id = r.getAttributeValue(i);
                }
              }
              String target = relTargets.get(id);
              sheets.put(
                  r.getAttributeValue(null, "name"),
                  target.startsWith("/") ? target.substring(1) : "xl/" + target);
            }
          });
      List<Boolean> boldFonts = new ArrayList<>();
      List<Integer> xfFonts = new ArrayList<>();
      boolean[] inCellXfs = {false};
      parse(
          zip,
          "xl/styles.xml",
          r -> {
            switch (r.getLocalName()) {
              case "font" -> boldFonts.add(false);
              case "b" -> boldFonts.set(boldFonts.size() - 1, true);
              case "cellXfs" -> inCellXfs[0] = true;
              case "cellStyleXfs" -> inCellXfs[0] = false;
              case "xf" -> {
                if (inCellXfs[0]) {
                  String f = r.getAttributeValue(null, "fontId");
                  xfFonts.add(f == null ? 0 : Integer.parseInt(f));
                }
              }
              default -> {}
            }
          });
      List<String> shared = new ArrayList<>();
      if (zip.getEntry("xl/sharedStrings.xml") != null) {
        try (InputStream in = zip.getInputStream(zip.getEntry("xl/sharedStrings.xml"))) {
          XMLStreamReader r = XML.createXMLStreamReader(in);
          StringBuilder cur = null;
          while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("si")) {
              cur = new StringBuilder();
            } else if (ev == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("t")) {
              cur.append(r.getElementText());
            } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("si")) {
              shared.add(cur.toString());
            }
          }
        }
      }
      Map<String, SheetData> out = new LinkedHashMap<>();
      for (Map.Entry<String, String> s : sheets.entrySet()) {
        out.put(s.getKey(), readSheet(zip, s.getKey(), s.getValue(), boldFonts, xfFonts, shared));
      }
      return out;
    }
  }

  private static SheetData readSheet(
      ZipFile zip,
      String name,
      String entry,
      List<Boolean> boldFonts,
      List<Integer> xfFonts,
      List<String> shared)
      throws IOException, XMLStreamException {
    List<List<CellData>> rows = new ArrayList<>();
    boolean frozen = false;
    String autoFilter = null;
    ZipEntry e = zip.getEntry(entry);
    try (InputStream in = zip.getInputStream(e)) {
      XMLStreamReader r = XML.createXMLStreamReader(in);
      String ref = null;
      String type = null;
      int style = 0;
      StringBuilder text = null;
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          switch (r.getLocalName()) {
            case "pane" ->
                frozen =
                    "frozen".equals(r.getAttributeValue(null, "state"))
                        && Double.parseDouble(r.getAttributeValue(null, "ySplit")) == 1.0;
            case "autoFilter" -> autoFilter = r.getAttributeValue(null, "ref");
            case "row" -> {
              int idx = Integer.parseInt(r.getAttributeValue(null, "r")) - 1;
              while (rows.size() <= idx) {
                rows.add(new ArrayList<>());
              }
            }
            case "c" -> {
              ref = r.getAttributeValue(null, "r");
              type = r.getAttributeValue(null, "t");
              String s = r.getAttributeValue(null, "s");
              style = s == null ? 0 : Integer.parseInt(s);
              text = new StringBuilder();
            }
            case "v", "t" -> {
              if (text != null) {
                text.append(r.getElementText());
              }
            }
            default -> {}
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("c")) {
          String value = text.toString();
          if ("s".equals(type)) {
            value = shared.get(Integer.parseInt(value));
          }
          boolean bold = boldFonts.get(xfFonts.get(style));
          rows.get(rows.size() - 1).add(new CellData(ref, value, bold, type));
          text = null;
        }
      }
    }
    return new SheetData(name, rows, frozen, autoFilter);
  }

  private interface StartHandler {
    void start(XMLStreamReader r) throws XMLStreamException;
  }

  private static void parse(ZipFile zip, String entry, StartHandler h)
      throws IOException, XMLStreamException {
    try (InputStream in = zip.getInputStream(zip.getEntry(entry))) {
      XMLStreamReader r = XML.createXMLStreamReader(in);
      while (r.hasNext()) {
        if (r.next() == XMLStreamConstants.START_ELEMENT) {
          h.start(r);
        }
      }
    }
  }
}
