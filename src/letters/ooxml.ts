/**
 * A small writer for Word documents (OOXML) with pizzip: paragraphs, headings, tables, a letterhead
 * header and footer, and custom document properties. The toolkit's letter templates are built with
 * it (scripts/build-letters.js); docxtemplater then fills their {tags}.
 */
import PizZip from "pizzip";

export type Block =
  | { p: string; bold?: boolean; align?: "right" | "center"; spaceAfter?: number; keepNext?: boolean }
  | { h: string }
  | { bullets: string[] }
  | { table: { header: string[]; row: string[]; loop: string; widths?: number[] } }
  | { fixedTable: { rows: string[][]; header?: boolean; widths?: number[] } }
  | { lines: string[]; keepTogether?: boolean }
  | { loopLines: { loop: string; line: string; align?: "right" } }
  | { pageBreak: true };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Runs for a text: **bold** spans become bold runs; tags stay in one run so templates are easy to edit in Word. */
function runs(text: string, bold = false): string {
  const parts = text.split(/(\*\*[^*]+\*\*)/g).filter((x) => x !== "");
  return parts
    .map((part) => {
      const b = bold || /^\*\*.*\*\*$/.test(part);
      const t = part.replace(/^\*\*(.*)\*\*$/, "$1");
      return `<w:r>${b ? "<w:rPr><w:b/></w:rPr>" : ""}<w:t xml:space="preserve">${esc(t)}</w:t></w:r>`;
    })
    .join("");
}

function para(text: string, opts: { bold?: boolean; align?: string; style?: string; spaceAfter?: number; keepNext?: boolean } = {}): string {
  const ppr = [
    opts.style ? `<w:pStyle w:val="${opts.style}"/>` : "",
    opts.keepNext ? "<w:keepNext/>" : "",
    opts.spaceAfter !== undefined ? `<w:spacing w:after="${opts.spaceAfter}"/>` : "",
    opts.align ? `<w:jc w:val="${opts.align === "center" ? "center" : "right"}"/>` : "",
  ].join("");
  return `<w:p>${ppr ? `<w:pPr>${ppr}</w:pPr>` : ""}${runs(text, opts.bold)}</w:p>`;
}

function cell(text: string, width: number, header: boolean): string {
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${header ? '<w:shd w:val="clear" w:color="auto" w:fill="DEEAF6"/>' : ""}</w:tcPr>${para(text, { bold: header, spaceAfter: 0 })}</w:tc>`;
}

function table(rows: string[][], widths: number[], headerRows: number): string {
  const grid = widths.map((w) => `<w:gridCol w:w="${w}"/>`).join("");
  const border = (n: string) => `<w:${n} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>`;
  const body = rows
    // A row never splits across pages (cantSplit); header rows repeat on each page.
    .map((r, i) => `<w:tr><w:trPr><w:cantSplit/>${i < headerRows ? "<w:tblHeader/>" : ""}</w:trPr>${r.map((c, j) => cell(c, widths[j] ?? widths[widths.length - 1], i < headerRows)).join("")}</w:tr>`)
    .join("");
  return `<w:tbl><w:tblPr><w:tblW w:w="${widths.reduce((a, b) => a + b, 0)}" w:type="dxa"/><w:tblBorders>${["top", "left", "bottom", "right", "insideH", "insideV"].map(border).join("")}</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${body}</w:tbl>${para("", { spaceAfter: 0 })}`;
}

const TEXT_WIDTH = 9026; // A4 with 2.54 cm margins, in twentieths of a point

function evenWidths(n: number, widths?: number[]): number[] {
  if (widths) {
    const total = widths.reduce((a, b) => a + b, 0);
    return widths.map((w) => Math.round((w / total) * TEXT_WIDTH));
  }
  return Array.from({ length: n }, () => Math.floor(TEXT_WIDTH / n));
}

export function blocksToXml(blocks: Block[]): string {
  return blocks
    .map((b) => {
      if ("p" in b) return para(b.p, { bold: b.bold, align: b.align, spaceAfter: b.spaceAfter, keepNext: b.keepNext });
      if ("h" in b) return para(b.h, { style: "Heading2", keepNext: true });
      if ("bullets" in b) return b.bullets.map((t) => para(`•\u00a0${t}`, { spaceAfter: 60 })).join("");
      if ("lines" in b) return b.lines.map((t, i) => para(t, { spaceAfter: 0, keepNext: b.keepTogether && i < b.lines.length - 1 })).join("");
      // Loop tags in paragraphs of their own: docxtemplater then repeats the line's paragraph.
      if ("loopLines" in b) {
        const o = { spaceAfter: 0, align: b.loopLines.align };
        return para(`{#${b.loopLines.loop}}`, o) + para(b.loopLines.line, o) + para(`{/${b.loopLines.loop}}`, o);
      }
      if ("pageBreak" in b) return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';
      if ("table" in b) {
        const t = b.table;
        const row = t.row.map((c, i) => (i === 0 ? `{#${t.loop}}${c}` : c));
        row[row.length - 1] += `{/${t.loop}}`;
        return table([t.header, row], evenWidths(t.header.length, t.widths), 1);
      }
      const f = b.fixedTable;
      return table(f.rows, evenWidths(f.rows[0].length, f.widths), f.header ? 1 : 0);
    })
    .join("");
}

const NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="140" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="16"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>`;

export interface DocxParts {
  title: string;
  body: Block[];
  header: Block[];
  footer: Block[];
  properties: Record<string, string>;
}

/** Custom document properties (docProps/custom.xml), all as text. */
export function customPropertiesXml(props: Record<string, string>): string {
  const items = Object.entries(props)
    .map(([k, v], i) => `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${esc(k)}"><vt:lpwstr>${esc(v)}</vt:lpwstr></property>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${items}</Properties>`;
}

/** Read the custom document properties of a .docx. */
export function readCustomProperties(zip: PizZip): Record<string, string> {
  const xml = zip.file("docProps/custom.xml")?.asText() ?? "";
  const out: Record<string, string> = {};
  const unesc = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  for (const m of xml.matchAll(/<property[^>]*name="([^"]*)"[^>]*>\s*<vt:lpwstr>([\s\S]*?)<\/vt:lpwstr>\s*<\/property>/g)) out[unesc(m[1])] = unesc(m[2]);
  return out;
}

export function setCustomProperties(zip: PizZip, props: Record<string, string>): void {
  zip.file("docProps/custom.xml", customPropertiesXml({ ...readCustomProperties(zip), ...props }));
}

/** Every part gets the same date, so a rebuilt template is byte-identical to the committed one. */
const FIXED_DATE = new Date(Date.UTC(2026, 0, 1));

export function buildDocx(parts: DocxParts): Uint8Array {
  const real = new PizZip();
  const zip = { file: (name: string, data: string) => real.file(name, data, { date: FIXED_DATE }) };
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>`,
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>`,
  );
  zip.file(
    "word/_rels/document.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`,
  );
  zip.file("word/styles.xml", STYLES);
  zip.file("word/header1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr ${NS}>${blocksToXml(parts.header)}</w:hdr>`);
  zip.file("word/footer1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr ${NS}>${blocksToXml(parts.footer)}</w:ftr>`);
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NS}><w:body>${blocksToXml(parts.body)}<w:sectPr><w:headerReference w:type="default" r:id="rId2"/><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>`,
  );
  zip.file(
    "docProps/core.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${esc(parts.title)}</dc:title><dc:creator>Attendance Toolkit</dc:creator><dc:language>en-GB</dc:language></cp:coreProperties>`,
  );
  zip.file("docProps/app.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Attendance Toolkit</Application></Properties>`);
  zip.file("docProps/custom.xml", customPropertiesXml(parts.properties));
  return real.generate({ type: "uint8array", compression: "DEFLATE" });
}
