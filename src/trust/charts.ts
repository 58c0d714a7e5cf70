/**
 * Native Excel charts for a workbook exceljs has written. exceljs cannot write charts, so the chart
 * parts (DrawingML chart XML, a drawing per sheet, their relationships and content types) are added
 * to the .xlsx package with pizzip. The charts read their data from cell ranges of the workbook, so
 * Excel and LibreOffice Calc draw them from the figures on the sheet (cached values are included too,
 * for viewers that do not recalculate).
 */
import PizZip from "pizzip";
import { xmlSafe } from "../letters/xml-safe";

export interface ChartSeries {
  name: string;
  /** A range such as `'Schools'!$F$6:$F$9`. */
  ref: string;
  values: Array<number | null>;
  /** Drawn as a line over the bars (a target or national figure). */
  asLine?: boolean;
  colour?: string;
}

export interface ChartSpec {
  /** 1-based index of the worksheet in workbook order (sheet1.xml is 1). */
  sheet: number;
  kind: "bar" | "line";
  /** Horizontal bars (schools listed down the side). */
  horizontal?: boolean;
  stacked?: boolean;
  title: string;
  categoriesRef: string;
  categories: string[];
  series: ChartSeries[];
  valueAxisTitle?: string;
  /** Fixed axis bounds, e.g. 80 to 100 for attendance. */
  min?: number;
  max?: number;
  /** Position: zero-based top-left cell and size in cells. */
  at: { col: number; row: number; width: number; height: number };
}

const PALETTE = ["1F4E79", "C55A11", "548235", "7030A0", "BF9000", "2E75B6", "833C0B", "375623", "A5A5A5", "FF0000"];

// Through the letters' guard first: a control character in a school name made the chart XML invalid.
const esc = (s: string) => xmlSafe(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function strCache(values: string[]): string {
  return `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${esc(v)}</c:v></c:pt>`).join("")}</c:strCache>`;
}

function numCache(values: Array<number | null>): string {
  const pts = values.map((v, i) => (v === null || !Number.isFinite(v) ? "" : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join("");
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

function seriesXml(s: ChartSeries, i: number, spec: ChartSpec, line: boolean): string {
  const colour = s.colour ?? PALETTE[i % PALETTE.length];
  const shape = line
    ? `<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill>${s.asLine ? `<a:prstDash val="dash"/>` : ""}</a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>`
    : `<c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>`;
  return (
    `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${esc(s.name)}</c:v></c:tx>${shape}` +
    `<c:cat><c:strRef><c:f>${esc(spec.categoriesRef)}</c:f>${strCache(spec.categories)}</c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${esc(s.ref)}</c:f>${numCache(s.values)}</c:numRef></c:val>` +
    (line ? `<c:smooth val="0"/>` : "") +
    `</c:ser>`
  );
}

function axes(spec: ChartSpec): string {
  const scaling = `<c:scaling><c:orientation val="${spec.horizontal ? "maxMin" : "minMax"}"/></c:scaling>`;
  const valScaling = `<c:scaling><c:orientation val="minMax"/>${spec.max !== undefined ? `<c:max val="${spec.max}"/>` : ""}${spec.min !== undefined ? `<c:min val="${spec.min}"/>` : ""}</c:scaling>`;
  const title = spec.valueAxisTitle
    ? `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${esc(spec.valueAxisTitle)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`
    : "";
  return (
    `<c:catAx><c:axId val="500"/>${scaling}<c:delete val="0"/><c:axPos val="${spec.horizontal ? "l" : "b"}"/><c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="low"/><c:crossAx val="501"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>` +
    `<c:valAx><c:axId val="501"/>${valScaling}<c:delete val="0"/><c:axPos val="${spec.horizontal ? "b" : "l"}"/><c:majorGridlines/>${title}<c:numFmt formatCode="0.0" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="500"/><c:crosses val="${spec.horizontal ? "max" : "autoZero"}"/><c:crossBetween val="between"/></c:valAx>`
  );
}

export function chartXml(spec: ChartSpec): string {
  const bars = spec.kind === "bar" ? spec.series.filter((s) => !s.asLine) : [];
  const lines = spec.kind === "line" ? spec.series : spec.series.filter((s) => s.asLine);
  let plot = "";
  let i = 0;
  if (bars.length > 0) {
    plot += `<c:barChart><c:barDir val="${spec.horizontal ? "bar" : "col"}"/><c:grouping val="${spec.stacked ? "stacked" : "clustered"}"/><c:varyColors val="0"/>`;
    for (const s of bars) plot += seriesXml(s, i++, spec, false);
    plot += `${spec.stacked ? `<c:overlap val="100"/>` : `<c:gapWidth val="80"/>`}<c:axId val="500"/><c:axId val="501"/></c:barChart>`;
  }
  if (lines.length > 0) {
    plot += `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>`;
    for (const s of lines) plot += seriesXml(s, i++, spec, true);
    plot += `<c:marker val="1"/><c:axId val="500"/><c:axId val="501"/></c:lineChart>`;
  }
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="en-GB" sz="1200" b="1"/><a:t>${esc(spec.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}${axes(spec)}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `</c:chartSpace>`
  );
}

function anchor(spec: ChartSpec, rid: string, id: number): string {
  const { col, row, width, height } = spec.at;
  return (
    `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:to><xdr:col>${col + width}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row + height}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id + 1}" name="${esc(spec.title)}" descr="${esc(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
    `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="${rid}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

const REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const DRAWING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";

/** Add the charts to an .xlsx package written by exceljs (which writes no drawings of its own here). */
export function addCharts(xlsx: Uint8Array, charts: readonly ChartSpec[]): Uint8Array {
  const zip = new PizZip(xlsx);
  let types = zip.file("[Content_Types].xml")!.asText();
  const bySheet = new Map<number, ChartSpec[]>();
  for (const c of charts) {
    let list = bySheet.get(c.sheet);
    if (!list) bySheet.set(c.sheet, (list = []));
    list.push(c);
  }
  let chartNo = 0;
  let drawingNo = 0;
  for (const [sheet, list] of bySheet) {
    const sheetPath = `xl/worksheets/sheet${sheet}.xml`;
    const sheetFile = zip.file(sheetPath);
    if (!sheetFile) throw new Error(`The workbook has no ${sheetPath} for a chart.`);
    drawingNo++;
    const drawingRels: string[] = [];
    const anchors: string[] = [];
    list.forEach((spec, k) => {
      chartNo++;
      zip.file(`xl/charts/chart${chartNo}.xml`, chartXml(spec));
      types = types.replace("</Types>", `<Override PartName="/xl/charts/chart${chartNo}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>`);
      drawingRels.push(`<Relationship Id="rId${k + 1}" Type="${CHART_REL}" Target="../charts/chart${chartNo}.xml"/>`);
      anchors.push(anchor(spec, `rId${k + 1}`, k + 1));
    });
    zip.file(
      `xl/drawings/drawing${drawingNo}.xml`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${anchors.join("")}</xdr:wsDr>`,
    );
    zip.file(`xl/drawings/_rels/drawing${drawingNo}.xml.rels`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL_NS}">${drawingRels.join("")}</Relationships>`);
    types = types.replace("</Types>", `<Override PartName="/xl/drawings/drawing${drawingNo}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`);

    const relsPath = `xl/worksheets/_rels/sheet${sheet}.xml.rels`;
    const relId = "rIdTrustCharts";
    const rel = `<Relationship Id="${relId}" Type="${DRAWING_REL}" Target="../drawings/drawing${drawingNo}.xml"/>`;
    const existing = zip.file(relsPath)?.asText();
    zip.file(relsPath, existing ? existing.replace("</Relationships>", `${rel}</Relationships>`) : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL_NS}">${rel}</Relationships>`);

    let xml = sheetFile.asText();
    if (!/xmlns:r=/.test(xml.slice(0, 600))) xml = xml.replace("<worksheet ", `<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" `);
    // CT_Worksheet order: <drawing> goes before these elements, whichever comes first.
    const before = ["<legacyDrawing", "<legacyDrawingHF", "<picture", "<oleObjects", "<controls", "<tableParts", "<extLst", "</worksheet>"];
    const at = Math.min(...before.map((t) => xml.indexOf(t)).filter((x) => x >= 0));
    xml = `${xml.slice(0, at)}<drawing r:id="${relId}"/>${xml.slice(at)}`;
    zip.file(sheetPath, xml);
  }
  zip.file("[Content_Types].xml", types);
  return zip.generate({ type: "uint8array", compression: "DEFLATE" });
}
