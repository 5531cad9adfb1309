/**
 * Crafting .xlsx packages part by part with jszip, for what ExcelJS cannot write itself: charts,
 * shapes, pivot tables, threaded comments, macros, slicers, external links, form controls, sheets
 * without a `<dimension>`, overlapping merges, a workbook that lists no sheets. Each helper edits a
 * package (usually one ExcelJS wrote) in place.
 */
import JSZip from "jszip";
import ExcelJS from "exceljs";

export const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships";

/** A 1×1 transparent PNG. */
export const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

export async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export class Package {
  constructor(readonly zip: JSZip) {}

  static async open(bytes: Uint8Array): Promise<Package> {
    return new Package(await JSZip.loadAsync(bytes));
  }

  async text(part: string): Promise<string> {
    const f = this.zip.file(part);
    if (!f) throw new Error(`no part ${part}`);
    return f.async("string");
  }

  has(part: string): boolean {
    return this.zip.file(part) !== null;
  }

  put(part: string, data: string | Uint8Array, contentType?: string): void {
    this.zip.file(part, data);
    if (contentType) this.overrides.push(`<Override PartName="/${part}" ContentType="${contentType}"/>`);
  }

  private overrides: string[] = [];
  private rels = new Map<string, string[]>();

  /** Adds a relationship from `source` (`""` for the package) and returns its id. */
  async relate(source: string, type: string, target: string, external = false): Promise<string> {
    const relsPath = source === "" ? "_rels/.rels" : `${dirOf(source)}/_rels/${source.split("/").pop()}.rels`;
    let list = this.rels.get(relsPath);
    if (!list) {
      list = [];
      const f = this.zip.file(relsPath);
      if (f) {
        const xml = await f.async("string");
        list.push(...(xml.match(/<Relationship\b[^>]*\/>/g) ?? []));
      }
      this.rels.set(relsPath, list);
    }
    const id = `rIdT${list.length + 1}`;
    list.push(
      `<Relationship Id="${id}" Type="${type}" Target="${target}"${external ? ' TargetMode="External"' : ""}/>`,
    );
    return id;
  }

  /** The part of the worksheet named `name`. */
  async sheetPart(name: string): Promise<string> {
    const wb = await this.text("xl/workbook.xml");
    const tag = (wb.match(/<sheet\b[^>]*\/>/g) ?? []).find((t) => t.includes(`name="${name}"`));
    if (!tag) throw new Error(`no sheet ${name}`);
    const id = /r:id="([^"]+)"/.exec(tag)![1];
    const rels = await this.text("xl/_rels/workbook.xml.rels");
    const rel = (rels.match(/<Relationship\b[^>]*\/>/g) ?? []).find((t) => t.includes(`Id="${id}"`))!;
    const target = /Target="([^"]+)"/.exec(rel)![1];
    return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  }

  /** Inserts `xml` into a sheet before the first of the named elements (or before `</worksheet>`). */
  async insertInSheet(sheet: string, xml: string, before: string[]): Promise<void> {
    const part = await this.sheetPart(sheet);
    const s = await this.text(part);
    const tail = s.indexOf("</sheetData>");
    let at = -1;
    for (const name of before) {
      const i = s.indexOf(`<${name}`, tail);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    }
    if (at < 0) at = s.lastIndexOf("</worksheet>");
    this.zip.file(part, s.slice(0, at) + xml + s.slice(at));
  }

  async editPart(part: string, edit: (xml: string) => string): Promise<void> {
    this.zip.file(part, edit(await this.text(part)));
  }

  async bytes(): Promise<Uint8Array> {
    for (const [path, list] of this.rels)
      this.zip.file(
        path,
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS_PKG_R}">${list.join("")}</Relationships>`,
      );
    if (this.overrides.length > 0) {
      const types = await this.text("[Content_Types].xml");
      this.zip.file("[Content_Types].xml", types.replace("</Types>", `${this.overrides.join("")}</Types>`));
      this.overrides = [];
    }
    return this.zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  }
}

function dirOf(part: string): string {
  return part.slice(0, part.lastIndexOf("/"));
}

const DRAWING_CT = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

function anchor(fromCol: number, fromRow: number, toCol: number, toRow: number, body: string): string {
  const pos = (c: number, r: number): string =>
    `<xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
  return `<xdr:twoCellAnchor><xdr:from>${pos(fromCol, fromRow)}</xdr:from><xdr:to>${pos(toCol, toRow)}</xdr:to>${body}<xdr:clientData/></xdr:twoCellAnchor>`;
}

/** A minimal clustered bar chart over `'sheet'!$B$2:$B$4`. */
function chartXml(sheet: string): string {
  const ref = `'${sheet}'!$B$2:$B$4`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS_R}">` +
    `<c:chart><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>${ref}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="3"/>` +
    `<c:pt idx="0"><c:v>1</c:v></c:pt><c:pt idx="1"><c:v>2</c:v></c:pt><c:pt idx="2"><c:v>3</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser>` +
    `<c:axId val="1"/><c:axId val="2"/></c:barChart>` +
    `<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx>` +
    `<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx>` +
    `</c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`
  );
}

export interface DrawingContent {
  chart?: boolean;
  shape?: boolean;
  picture?: boolean;
}

/** Gives a sheet a drawing with a chart, a text box and/or a picture; `n` numbers its parts. */
export async function addDrawing(p: Package, sheet: string, content: DrawingContent, n = 1): Promise<string> {
  const drawing = `xl/drawings/drawing${n}.xml`;
  const anchors: string[] = [];
  if (content.chart) {
    p.put(`xl/charts/chart${n}.xml`, chartXml(sheet), CHART_CT);
    const id = await p.relate(drawing, `${NS_R}/chart`, `../charts/chart${n}.xml`);
    anchors.push(
      anchor(
        4,
        1,
        10,
        15,
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
          `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
          `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="${id}"/></a:graphicData></a:graphic></xdr:graphicFrame>`,
      ),
    );
  }
  if (content.shape)
    anchors.push(
      anchor(
        1,
        17,
        5,
        20,
        `<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="3" name="文本框 2"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr>` +
          `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="500000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>` +
          `<xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="zh-CN"/><a:t>审核意见：请补充依据</a:t></a:r></a:p></xdr:txBody></xdr:sp>`,
      ),
    );
  if (content.picture) {
    p.put(`xl/media/picture${n}.png`, PNG);
    if (!(await p.text("[Content_Types].xml")).includes('Extension="png"'))
      await p.editPart("[Content_Types].xml", (x) =>
        x.replace("<Default ", '<Default Extension="png" ContentType="image/png"/><Default '),
      );
    const id = await p.relate(drawing, `${NS_R}/image`, `../media/picture${n}.png`);
    anchors.push(
      anchor(
        6,
        17,
        8,
        20,
        `<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="4" name="图片 3"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>` +
          `<xdr:blipFill><a:blip r:embed="${id}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>` +
          `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>`,
      ),
    );
  }
  p.put(
    drawing,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS_R}">${anchors.join("")}</xdr:wsDr>`,
    DRAWING_CT,
  );
  const sheetPart = await p.sheetPart(sheet);
  const id = await p.relate(sheetPart, `${NS_R}/drawing`, `../drawings/drawing${n}.xml`);
  await p.insertInSheet(sheet, `<drawing r:id="${id}"/>`, ["legacyDrawing", "tableParts", "extLst"]);
  return drawing;
}

/** A pivot table on `sheet` over `'source'!A1:B3`, with its cache. */
export async function addPivotTable(p: Package, sheet: string, source: string): Promise<void> {
  const ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  p.put(
    "xl/pivotCache/pivotCacheDefinition1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheDefinition xmlns="${ns}" xmlns:r="${NS_R}" refreshOnLoad="1" recordCount="0"><cacheSource type="worksheet"><worksheetSource ref="A1:B3" sheet="${source}"/></cacheSource><cacheFields count="2"><cacheField name="项目" numFmtId="0"><sharedItems/></cacheField><cacheField name="金额" numFmtId="0"><sharedItems containsNumber="1"/></cacheField></cacheFields></pivotCacheDefinition>`,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml",
  );
  const cacheRel = await p.relate(
    "xl/workbook.xml",
    `${NS_R}/pivotCacheDefinition`,
    "pivotCache/pivotCacheDefinition1.xml",
  );
  await p.editPart("xl/workbook.xml", (x) =>
    x.replace(/(<\/sheets>)/, `$1<pivotCaches><pivotCache cacheId="1" r:id="${cacheRel}"/></pivotCaches>`),
  );
  p.put(
    "xl/pivotTables/pivotTable1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotTableDefinition xmlns="${ns}" name="数据透视表1" cacheId="1" dataCaption="值"><location ref="A1:B2" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="2"><pivotField showAll="0"/><pivotField dataField="1" showAll="0"/></pivotFields></pivotTableDefinition>`,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml",
  );
  await p.relate(
    "xl/pivotTables/pivotTable1.xml",
    `${NS_R}/pivotCacheDefinition`,
    "../pivotCache/pivotCacheDefinition1.xml",
  );
  await p.relate(await p.sheetPart(sheet), `${NS_R}/pivotTable`, "../pivotTables/pivotTable1.xml");
}

/** A threaded comment on `sheet`!A1, with its person list. */
export async function addThreadedComment(p: Package, sheet: string): Promise<void> {
  const ns = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments";
  p.put(
    "xl/threadedComments/threadedComment1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ThreadedComments xmlns="${ns}"><threadedComment ref="A1" dT="2023-01-01T00:00:00.00" personId="{00000000-0000-0000-0000-000000000001}" id="{00000000-0000-0000-0000-000000000002}"><text>请核对金额</text></threadedComment></ThreadedComments>`,
    "application/vnd.ms-excel.threadedcomments+xml",
  );
  p.put(
    "xl/persons/person.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<personList xmlns="${ns}"><person displayName="审核人" id="{00000000-0000-0000-0000-000000000001}" userId="reviewer" providerId="None"/></personList>`,
    "application/vnd.ms-excel.person+xml",
  );
  await p.relate(
    "xl/workbook.xml",
    "http://schemas.microsoft.com/office/2017/10/relationships/person",
    "persons/person.xml",
  );
  await p.relate(
    await p.sheetPart(sheet),
    "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
    "../threadedComments/threadedComment1.xml",
  );
}

/** A VBA project, with the workbook typed as macro-enabled (.xlsm). */
export async function addMacros(p: Package): Promise<void> {
  p.put(
    "xl/vbaProject.bin",
    new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]),
  );
  await p.relate(
    "xl/workbook.xml",
    "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
    "vbaProject.bin",
  );
  await p.editPart("[Content_Types].xml", (x) =>
    x
      .replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
      )
      .replace("<Default ", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default '),
  );
}

/** Marks the workbook as a template (.xltx). */
export async function makeTemplate(p: Package): Promise<void> {
  await p.editPart("[Content_Types].xml", (x) =>
    x.replace(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    ),
  );
}

/** A slicer on `sheet` with its cache. */
export async function addSlicer(p: Package, sheet: string): Promise<void> {
  const ns = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
  p.put(
    "xl/slicerCaches/slicerCache1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<slicerCacheDefinition xmlns="${ns}" name="切片器_项目" sourceName="项目"/>`,
    "application/vnd.ms-excel.slicerCache+xml",
  );
  await p.relate(
    "xl/workbook.xml",
    "http://schemas.microsoft.com/office/2007/relationships/slicerCache",
    "slicerCaches/slicerCache1.xml",
  );
  p.put(
    "xl/slicers/slicer1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<slicers xmlns="${ns}"><slicer name="项目" cache="切片器_项目" caption="项目" rowHeight="241300"/></slicers>`,
    "application/vnd.ms-excel.slicer+xml",
  );
  await p.relate(
    await p.sheetPart(sheet),
    "http://schemas.microsoft.com/office/2007/relationships/slicer",
    "../slicers/slicer1.xml",
  );
}

/** A link to another workbook, as formulas referring to `[1]Sheet1!A1` need. */
export async function addExternalLink(p: Package): Promise<void> {
  const ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  p.put(
    "xl/externalLinks/externalLink1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="${ns}" xmlns:r="${NS_R}"><externalBook r:id="rIdT1"><sheetNames><sheetName val="Sheet1"/></sheetNames></externalBook></externalLink>`,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml",
  );
  await p.relate(
    "xl/externalLinks/externalLink1.xml",
    `${NS_R}/externalLinkPath`,
    "file:///C:/预算/2022年预算.xlsx",
    true,
  );
  const id = await p.relate("xl/workbook.xml", `${NS_R}/externalLink`, "externalLinks/externalLink1.xml");
  await p.editPart("xl/workbook.xml", (x) =>
    x.replace(/(<\/sheets>)/, `$1<externalReferences><externalReference r:id="${id}"/></externalReferences>`),
  );
}

/** A check box form control on `sheet`. */
export async function addFormControl(p: Package, sheet: string): Promise<void> {
  p.put(
    "xl/ctrlProps/ctrlProp1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<formControlPr xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" objectType="CheckBox" checked="Checked"/>`,
    "application/vnd.ms-excel.controlproperties+xml",
  );
  await p.relate(
    await p.sheetPart(sheet),
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/ctrlProp",
    "../ctrlProps/ctrlProp1.xml",
  );
}

/** Locks the workbook's structure (sheets cannot be added, moved or deleted in Excel). */
export async function protectStructure(p: Package): Promise<void> {
  await p.editPart("xl/workbook.xml", (x) =>
    x.replace(
      /<(bookViews|sheets)[\s>]/,
      '<workbookProtection lockStructure="1" workbookAlgorithmName="SHA-512" workbookHashValue="aGFzaA==" workbookSaltValue="c2FsdA==" workbookSpinCount="100000"/>$&',
    ),
  );
}
