/**
 * The labels tables and lists are recognised by, with the synonyms met in different provinces'
 * templates. Every entry is a label key (see `labelKey`): whitespace, `其中：` and bracketed notes
 * are already gone, full-width forms folded.
 */
import { labelKey, toHalfWidth } from "./text";

function set(...labels: string[]): ReadonlySet<string> {
  return new Set(labels.map(labelKey));
}

export const CODE = set("项目编码", "项目代码", "项目编号", "项目ID");
export const NAME = set("项目名称");
export const DEPARTMENT = set(
  "主管部门",
  "主管部门及代码",
  "预算单位",
  "预算部门",
  "单位名称",
  "部门名称",
  "部门(单位)名称",
  "实施单位",
  "项目单位",
  "项目实施单位",
  "申报单位",
);
export const YEAR = set("年度", "预算年度", "年份");
export const UNIT_HEADER = set("单位", "金额单位", "计量单位");

/** Labels of the whole budget block (the row label that spans the fund lines and the usage). */
export const BUDGET_BLOCK = set(
  "预算规模及资金用途",
  "预算规模及用途",
  "资金规模及用途",
  "项目资金",
  "项目资金情况",
  "资金情况",
  "资金来源",
  "预算资金",
);
export const BUDGET_TOTAL = set(
  "预算数",
  "年度资金总额",
  "资金总额",
  "项目资金总额",
  "预算资金总额",
  "预算总额",
  "预算金额",
  "年度预算数",
  "年度预算",
  "项目预算数",
  "预算数合计",
  "年初预算数",
);
/** A long-term total beside the annual one (central templates): never the table's budget. */
export const BUDGET_LONG_TERM = set("中期资金总额", "实施期资金总额", "中期资金", "实施期资金");
/** The adjusted budget, the execution-rate denominator (DOMAIN.md §5). */
export const BUDGET_ADJUSTED = set("全年预算数", "调整后预算数", "调整预算数", "全年预算");

/** The fiscal line itself. */
export const FISCAL = set("财政资金", "财政拨款", "财政性资金", "财政拨款资金", "财政资金合计", "财政补助");
/** Parts of the fiscal line: nested under it where the table has one. */
export const FISCAL_PARTS = set(
  "当年财政拨款",
  "本年财政拨款",
  "上年结转",
  "上年结转资金",
  "上年财政拨款结转",
  "上级补助",
  "上级资金",
  "上级财政资金",
  "上级财政拨款",
  "上级专项资金",
  "上级",
  "本级",
  "本级资金",
  "本级财政资金",
  "本级财政拨款",
  "中央资金",
  "中央财政资金",
  "省级资金",
  "省级财政资金",
  "市级资金",
  "市级财政资金",
  "县级资金",
  "区级资金",
  "一般公共预算",
  "一般公共预算资金",
  "一般公共预算拨款",
  "政府性基金",
  "政府性基金预算",
  "政府性基金预算资金",
  "国有资本经营预算",
  "国有资本经营预算资金",
);
/** Components that are not fiscal. */
export const OTHER_FUNDS = set(
  "其他资金",
  "其它资金",
  "财政专户管理资金",
  "单位资金",
  "自有资金",
  "单位自有资金",
  "事业收入",
  "经营性收入",
  "经营收入",
  "其他收入",
  "自筹资金",
  "社会资金",
  "社会投入",
  "银行贷款",
  "上年结余",
  "非财政拨款",
);
export const USAGE = set(
  "资金用途",
  "主要用途",
  "用途",
  "资金主要用途",
  "项目资金用途",
  "资金使用方向",
  "资金使用用途",
);

export const PLAN = set(
  "资金支出计划",
  "支出计划",
  "资金使用计划",
  "资金支出进度计划",
  "支出进度计划",
  "预算支出计划",
  "资金支付计划",
  "支出进度",
  "资金支出进度",
  "分月支出计划",
);

export const GOALS_ANNUAL = set(
  "年度目标",
  "年度绩效目标",
  "本年度绩效目标",
  "当年绩效目标",
  "年度总体目标",
  "本年度目标",
);
export const GOALS_GENERIC = set("绩效目标", "项目绩效目标", "总体目标");
export const GOALS_LONG = set("中长期目标", "实施期绩效目标", "实施期目标", "长期目标", "中期目标", "整体目标");

export const LEVEL1 = set("一级指标", "一级");
export const LEVEL2 = set("二级指标", "二级");
export const LEVEL3 = set("三级指标", "三级", "指标名称", "具体指标");
export const DESCRIPTION = set(
  "绩效指标描述",
  "指标说明",
  "指标描述",
  "指标解释",
  "指标内容",
  "指标定义",
  "绩效指标说明",
  "指标值说明",
);
export const VALUE = set(
  "指标值",
  "指标值及单位",
  "目标值",
  "年度指标值",
  "指标目标值",
  "绩效指标值",
  "预期目标值",
  "年度目标值",
  "预期指标值",
  "绩效目标值",
);
export const BASIS = set(
  "指标值确定依据",
  "依据",
  "绩效标准",
  "指标值设定依据",
  "确定依据",
  "指标值依据",
  "设定依据",
  "指标值确定依据及说明",
);
/** A split comparator column (`=`, `≥`, `大于等于`). */
export const OPERATOR = set("指标性质", "运算符", "符号", "比较符", "指标值性质", "计算符号");
/** Direction: comparator words or 正向/反向. */
export const DIRECTION = set("指标方向", "正向/反向", "正反向", "指标方向性", "方向");
export const MEASURE_UNIT = set("计量单位", "度量单位", "单位", "指标单位", "指标值单位");

/** Labels of other parts of a form, which end an indicator block or are never values. */
export const OTHER_FORM_LABELS = set(
  "备注",
  "填报说明",
  "审核意见",
  "单位负责人",
  "填表人",
  "联系电话",
  "分值",
  "得分",
  "实际完成值",
  "偏差原因分析及改进措施",
  "全年执行数",
  "执行率",
);

const ALL_FIELD_LABELS: ReadonlySet<string>[] = [
  CODE,
  NAME,
  DEPARTMENT,
  BUDGET_BLOCK,
  BUDGET_TOTAL,
  BUDGET_LONG_TERM,
  BUDGET_ADJUSTED,
  FISCAL,
  FISCAL_PARTS,
  OTHER_FUNDS,
  USAGE,
  PLAN,
  GOALS_ANNUAL,
  GOALS_GENERIC,
  GOALS_LONG,
  LEVEL1,
  LEVEL2,
  LEVEL3,
  DESCRIPTION,
  VALUE,
  BASIS,
  OPERATOR,
  DIRECTION,
  OTHER_FORM_LABELS,
];

/** Whether a key is any label of a form (so it is never read as a field's value). */
export function isFormLabel(key: string): boolean {
  if (key === "") return false;
  if (ALL_FIELD_LABELS.some((s) => s.has(key))) return true;
  return checkpointLabel(key) !== null;
}

export function isFundLabel(key: string): boolean {
  return FISCAL.has(key) || FISCAL_PARTS.has(key) || OTHER_FUNDS.has(key);
}

/**
 * A spending-plan checkpoint label (`3月底`, `6月末`, `上半年`, `1-7月`, `三季度末`, `11月30日`,
 * `全年`), normalised, or null. Suffixes such as `支出进度`/`累计` are dropped first, so list headers
 * like `3月底支出进度（%）` are recognised too.
 */
export function checkpointLabel(text: string): string | null {
  let t = toHalfWidth(text)
    .replace(/\s+/g, "")
    .replace(/[（(][^）)]*[)）]/g, "");
  t = t.replace(/^(截至|截止|截止到|至|累计)/, "");
  t = t.replace(/(前)?(累计)?(支出|执行|完成)?(进度|计划|比例|率)?(累计)?$/, "");
  if (/^\d{1,2}月(底|末|份)?$/.test(t) && Number(/^\d+/.exec(t)![0]) <= 12) return t;
  if (/^\d{1,2}-\d{1,2}月(份)?$/.test(t)) return t;
  if (/^(第)?[一二三四1-4]季度(末|底)?$/.test(t)) return t;
  if (/^(上|下)半年(末)?$/.test(t)) return t;
  if (/^(全年|年底|年末)$/.test(t)) return t;
  if (/^\d{1,2}月\d{1,2}日$/.test(t)) return t;
  if (/^(一|二|三|四|五|六|七|八|九|十|十一|十二)月(底|末)$/.test(t)) return t;
  return null;
}
