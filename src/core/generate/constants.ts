/** Names the generated sheets share. */

/** Sheets whose names start with this are the add-in's own; readers never take tables from them. */
export const INTERNAL_PREFIX = "_ptsheet";

/** Default names of the sheets the add-in makes (made unique when the workbook has them already). */
export const TOC_NAME = "目录";
export const SUMMARY_NAME = "汇总表";
export const DEPARTMENT_NAME = "部门整体";
export const PROJECTS_NAME = "项目清单";
export const INDICATORS_NAME = "指标清单";

/** Text of the links back to the 目录 sheet. */
export const BACK_TO_TOC = "← 返回目录";
