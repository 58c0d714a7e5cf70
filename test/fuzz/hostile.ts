/**
 * Hostile and broken files, made here rather than committed (some expand to gigabytes): each is a few
 * kilobytes built with fflate. Used by the reader tests and the fuzz corpus (test/fuzz/corpus.test.ts).
 */
import { strToU8, zipSync } from "fflate";

const CT = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`;
const RELS = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

export interface SheetSpec {
  name: string;
  xml: string;
  state?: string;
}

/** A workbook from sheets' XML (the <sheetData> and after), shared strings and styles. */
export function workbook(sheets: SheetSpec[], opts: { shared?: string[]; sharedXml?: string; stylesXml?: string; date1904?: boolean; level?: number } = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(CT),
    "_rels/.rels": strToU8(RELS),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${opts.date1904 ? '<workbookPr date1904="1"/>' : ""}<sheets>${sheets
        .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.state ? ` state="${s.state}"` : ""}/>`)
        .join("")}</sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join("")}<Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
    "xl/sharedStrings.xml": strToU8(opts.sharedXml ?? `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${(opts.shared ?? []).map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join("")}</sst>`),
    "xl/styles.xml": strToU8(
      opts.stylesXml ??
        `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="2"/></cellXfs></styleSheet>`,
    ),
  };
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${s.xml}</worksheet>`);
  });
  return zipSync(files, { level: (opts.level ?? 6) as 6 });
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** <sheetData> of inline-string rows (row 1 = header). */
export function sheetData(rows: string[][]): string {
  return `<sheetData>${rows
    .map((r, i) => `<row r="${i + 1}">${r.map((v, c) => `<c r="${colName(c)}${i + 1}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`).join("")}</row>`)
    .join("")}</sheetData>`;
}

export function colName(i: number): string {
  let n = i + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const MARKS = [["UPN", "Surname", "Forename", "2025-09-08 AM", "2025-09-08 PM"], ["A123456789012", "Smith", "Ann", "/", "\\"]];

/** The corpus: name, bytes, and what must happen (a sentence matching `refused`, or read). */
export function hostileFiles(): Array<{ name: string; bytes: () => Uint8Array; refused?: RegExp }> {
  const ok = sheetData(MARKS);
  return [
    { name: "merged A3:XFD1048576 (the 6 KB file that took the pane down)", bytes: () => workbook([{ name: "Marks", xml: `${ok}<mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>` }]) },
    {
      name: "a 4-million-character string (compresses to a few KB)",
      bytes: () => workbook([{ name: "Marks", xml: ok.replace("<is><t>Smith</t></is>", `<is><t>${"x".repeat(4_000_000)}</t></is>`) }], { level: 9 }),
      refused: /more than 32,767 characters/,
    },
    {
      name: "a shared string over Excel's 32,767-character limit",
      bytes: () => workbook([{ name: "Marks", xml: ok.replace(`<c r="B2" t="inlineStr"><is><t>Smith</t></is></c>`, `<c r="B2" t="s"><v>0</v></c>`) }], { shared: ["y".repeat(40_000)] }),
      refused: /more than 32,767 characters/,
    },
    {
      name: "a zip bomb: 1.2 GB of spaces in one part",
      bytes: () => {
        // Built by repeated deflate of a block would take memory here; a lying header does the same job.
        const small = workbook([{ name: "Marks", xml: ok }]);
        return lieAboutSize(small, "xl/worksheets/sheet1.xml", 1_200_000_000);
      },
      refused: /expands to more than/,
    },
    { name: "a cell beyond column XFD", bytes: () => workbook([{ name: "Marks", xml: ok.replace('r="E2"', 'r="XFE2"') }]), refused: /beyond column XFD/ },
    { name: "a row number beyond 1,048,576", bytes: () => workbook([{ name: "Marks", xml: ok.replace('<row r="2">', '<row r="1048577">') }]), refused: /row number beyond/ },
    {
      name: "200,000 merged ranges",
      bytes: () => workbook([{ name: "Marks", xml: `${ok}<mergeCells>${'<mergeCell ref="A3:B3"/>'.repeat(200_000)}</mergeCells>` }], { level: 9 }),
      refused: /merged ranges/,
    },
    { name: "a DOCTYPE with entities (billion laughs)", bytes: () => workbook([{ name: "Marks", xml: ok }], { sharedXml: `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><sst><si><t>&lol2;</t></si></sst>` }), refused: /not a CSV or Excel workbook that can be read/ },
    { name: "a truncated workbook", bytes: () => workbook([{ name: "Marks", xml: ok }]).slice(0, 300), refused: /not a CSV or Excel workbook that can be read/ },
    { name: "a zip with no workbook inside", bytes: () => zipSync({ "hello.txt": strToU8("hello") }), refused: /not a CSV or Excel workbook that can be read/ },
    {
      name: "a sheet whose rows reach XFD, a million times over (cells)",
      bytes: () => workbook([{ name: "Marks", xml: `<sheetData>${Array.from({ length: 1300 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>1</v></c></row>`).join("")}</sheetData>` }], { level: 9 }),
      refused: /more than [\d,]+ cells/,
    },
    { name: "binary noise after the zip signature", bytes: () => Uint8Array.from({ length: 5000 }, (_, i) => (i < 4 ? [0x50, 0x4b, 0x03, 0x04][i] : (i * 7919) % 251)), refused: /not a CSV or Excel workbook that can be read/ },
  ];
}

/** Rewrite a zip's declared uncompressed size of one entry (central directory), as a bomb would lie. */
export function lieAboutSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const target = new TextEncoder().encode(name);
  for (let p = 0; p + 46 < out.length; p++) {
    if (view.getUint32(p, true) !== 0x02014b50) continue;
    const len = view.getUint16(p + 28, true);
    if (len === target.length && target.every((b, i) => out[p + 46 + i] === b)) view.setUint32(p + 24, size >>> 0, true);
  }
  return out;
}
