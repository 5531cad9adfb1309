/** Two projects: `unit` needs only Node; `e2e` needs Debian's chromium and LibreOffice. */
const tsJest = ["ts-jest", { tsconfig: "tsconfig.json", isolatedModules: true }];
module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      roots: ["<rootDir>/test/unit"],
      transform: { "^.+\\.tsx?$": tsJest },
      moduleFileExtensions: ["ts", "tsx", "js", "json"],
    },
    {
      displayName: "e2e",
      testEnvironment: "node",
      roots: ["<rootDir>/test/e2e"],
      transform: { "^.+\\.tsx?$": tsJest },
      moduleFileExtensions: ["ts", "tsx", "js", "json"],
    },
  ],
};
