import { describe, expect, it } from "vitest";
import { CsvParser, parseCsv } from "./csv-parser";
import { describeColumns, detectHeader, inferType, sniffDelimiter } from "./csv-sniff";

describe("CsvParser", () => {
  it("honours RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quotes", () => {
    const text = 'id,name,note\r\n1,"Acme, Inc.","said ""hi"""\r\n2,"Smith & ""Sons""","two\nlines"\r\n';
    expect(parseCsv(text, ",")).toEqual([
      ["id", "name", "note"],
      ["1", "Acme, Inc.", 'said "hi"'],
      ["2", 'Smith & "Sons"', "two\nlines"],
    ]);
  });

  it("gives the same records whichever way the text is cut into pieces", () => {
    const text = 'a,b\r\n"x,""y""",z\r\n"",\n3,"multi\r\nline"\n';
    const whole = parseCsv(text, ",");
    for (let cut = 1; cut < text.length; cut++) {
      const parser = new CsvParser({ delimiter: "," });
      parser.push(text.slice(0, cut));
      parser.push(text.slice(cut));
      parser.end();
      expect(parser.rows, `cut at ${cut}`).toEqual(whole);
    }
    expect(whole).toEqual([
      ["a", "b"],
      ['x,"y"', "z"],
      ["", ""],
      ["3", "multi\r\nline"],
    ]);
  });

  it("counts every record but keeps only the first ones", () => {
    const parser = new CsvParser({ delimiter: ",", keepRows: 2 });
    parser.push("h\n1\n2\n3\n4");
    expect(parser.count).toBe(4);
    parser.end();
    expect(parser.count).toBe(5);
    expect(parser.rows).toEqual([["h"], ["1"]]);
  });

  it("skips blank lines and needs no final line break", () => {
    expect(parseCsv("a;b\n\n1;2", ";")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
});

describe("sniffDelimiter", () => {
  it("finds the delimiter that splits records consistently", () => {
    expect(sniffDelimiter("a,b,c\n1,2,3\n4,5,6\n")).toBe(",");
    expect(sniffDelimiter("a\tb\tc\n1\t2,5\t3\n")).toBe("\t");
    expect(sniffDelimiter("name;amount\nx;1,50\ny;2,75\n")).toBe(";");
    expect(sniffDelimiter("a|b\n1|2\n")).toBe("|");
  });

  it("is not fooled by delimiters inside quotes or a cut last line", () => {
    expect(sniffDelimiter('name;city\n"Smith, J.";Paris\n"Doe, A.";Rome\n"Cut, X.";Be')).toBe(";");
  });

  it("falls back to the preferred delimiter for a single column", () => {
    expect(sniffDelimiter("value\n1\n2\n", "\t")).toBe("\t");
  });
});

describe("column types and header detection", () => {
  it("infers the narrowest type every value fits, ignoring missing values", () => {
    expect(inferType(["1", "-2", ""])).toBe("integer");
    expect(inferType(["1", "2.5", "NA"])).toBe("decimal");
    expect(inferType(["true", "FALSE"])).toBe("boolean");
    expect(inferType(["2024-01-02", "2024-02-03"])).toBe("date");
    expect(inferType(["2024-01-02", "2024-01-02T10:00:00Z"])).toBe("timestamp");
    expect(inferType(["1", "x"])).toBe("string");
    expect(inferType(["", "null"])).toBe("empty");
  });

  it("detects a header row from its cells not fitting the columns' types", () => {
    expect(detectHeader(parseCsv("id,date,amount\n1,2024-01-01,2.5\n2,2024-01-02,3\n", ","))).toBe(true);
    expect(detectHeader(parseCsv("1,2024-01-01,2.5\n2,2024-01-02,3\n", ","))).toBe(false);
    // Text columns only: a first row that recurs below is data.
    expect(detectHeader(parseCsv("red,big\nblue,small\nred,big\n", ","))).toBe(false);
    expect(detectHeader(parseCsv("color,size\nred,big\nblue,small\n", ","))).toBe(true);
  });

  it("names and types the columns", () => {
    const rows = parseCsv("id,name,price\n1,a,\n2,b,3.5\n", ",");
    expect(describeColumns(rows, 3, true)).toEqual([
      { name: "id", type: "integer", nulls: 0 },
      { name: "name", type: "string", nulls: 0 },
      { name: "price", type: "decimal", nulls: 1 },
    ]);
    expect(describeColumns([["1", "2"]], 3, false).map((c) => c.name)).toEqual([
      "column 1",
      "column 2",
      "column 3",
    ]);
  });
});
