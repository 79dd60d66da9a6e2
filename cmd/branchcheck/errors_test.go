package main

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"
	bolt "go.etcd.io/bbolt"

	"branchcheck/bundle"
	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
)

// The errors a user can reach from the command line, each driven in
// Chinese and in English (TestEveryErrorInBothLanguages). Each scenario
// runs in a folder of its own holding a copy of the seed database
// (errorSeed) as bc.db and the scenario's files.

// errorScenario is one mistake a user can make, or one refusal.
type errorScenario struct {
	name string
	// files are written into the scenario's folder before it runs.
	files map[string]string
	// setup prepares anything else (it runs in the folder); what it
	// returns runs after the command.
	setup func(t *testing.T, s *errorSeed) func()
	args  []string
	stdin string
	code  int
	// en is a part of the English message: it shows that the scenario
	// reached the error it is about.
	en string
	// allow are words of the scenario's own data that the Chinese message
	// may repeat (an English column header, a field of a file).
	allow []string
}

// errorSeed is the database every scenario starts from: 城关小学 (城关镇)
// with a visit of 2026-04-01 finalized with 1.1 not met (so it has a
// rectification), 东河中学 (东河乡) with a draft of 2026-05-01, 西山小学
// (西山镇) never visited, and 北岭小学 archived.
type errorSeed struct {
	path                  string
	finalized, draft      string
	chengguan, donghe     string
	rectification         string
	archived, unvisitedID string
}

// errorNow is the laptop's clock in every scenario: 1 June 2026, 10:00 in
// Beijing.
var errorNow = time.Date(2026, 6, 1, 2, 0, 0, 0, time.UTC)

func makeErrorSeed(t *testing.T) *errorSeed {
	t.Helper()
	path := filepath.Join(t.TempDir(), "seed.db")
	s, err := store.Open(path, store.Options{Now: func() time.Time { return errorNow }, NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	add := func(name, township string) checklist.School {
		sc, err := s.AddSchool(checklist.School{Name: name, Township: township, Kind: "小学", Secretary: "张书记"})
		if err != nil {
			t.Fatal(err)
		}
		return sc
	}
	cg, dh, xs, bl := add("城关小学", "城关镇"), add("东河中学", "东河乡"), add("西山小学", "西山镇"), add("北岭小学", "北岭乡")
	if _, err := s.ArchiveSchool(bl.ID); err != nil {
		t.Fatal(err)
	}
	in, err := s.CreateInspection(cg.ID, "李督查", checklist.Date{Year: 2026, Month: 4, Day: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range checklist.DefaultStandard().ScoredItems() {
		v := checklist.Met
		if it.ID == "1.1" {
			v = checklist.NotMet
		}
		if _, err := s.SetVerdict(in.ID, it.ID, v, "李督查"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Finalize(in.ID, "李督查"); err != nil {
		t.Fatal(err)
	}
	draft, err := s.CreateInspection(dh.ID, "李督查", checklist.Date{Year: 2026, Month: 5, Day: 1})
	if err != nil {
		t.Fatal(err)
	}
	return &errorSeed{path: path, finalized: in.ID, draft: draft.ID, chengguan: cg.ID, donghe: dh.ID,
		rectification: in.ID + "/1.1", archived: bl.ID, unvisitedID: xs.ID}
}

// expand puts the seed's ids in an argument: $FINAL, $DRAFT, $RECT,
// $CG (城关小学's id).
func (s *errorSeed) expand(arg string) string {
	return strings.NewReplacer("$FINAL", s.finalized, "$DRAFT", s.draft, "$RECT", s.rectification, "$CG", s.chengguan).Replace(arg)
}

// The files scenarios read.
const (
	goodStandard = `format: 1
id: county-2027
year: 2027
title: 县教育局2027年党支部检查标准
stars:
  levels:
    - {stars: 5, min_points: 95}
    - {stars: 4, min_points: 85}
    - {stars: 3, min_points: 75}
    - {stars: 2, min_points: 60}
requirements:
  - id: "1"
    title: 党建引领
    items:
      - {id: "1.1", text: 书记第一责任人}
`
)

// standardWith is goodStandard with old replaced by new.
func standardWith(old, new string) string {
	if !strings.Contains(goodStandard, old) {
		panic("standardWith: " + old)
	}
	return strings.Replace(goodStandard, old, new, 1)
}

func errorScenarios() []errorScenario {
	csvHead := "学校名称,乡镇,类型,党组织书记\n"
	return []errorScenario{
		// How the command line is called.
		{name: "unknown flag", args: []string{"--bogus"}, code: 2, en: "unknown flag --bogus"},
		{name: "unknown flag, a near one", args: []string{"ratings", "--yaer", "2026"}, code: 2, en: `did you mean "--year"`},
		{name: "unknown command", args: []string{"frobnicate"}, code: 2, en: "unexpected argument frobnicate"},
		{name: "unknown subcommand, a near one", args: []string{"schools", "imprt", "x.csv"}, code: 2, en: `did you mean "import"`},
		{name: "no subcommand", args: []string{"schools"}, code: 2, en: "expected one of"},
		{name: "no argument", args: []string{"standard", "validate"}, code: 2, en: `expected "<file>"`},
		{name: "no arguments", args: []string{"visits", "redate"}, code: 2, en: `expected "<visit> <date>"`},
		{name: "a required flag missing", args: []string{"backup"}, code: 2, en: "missing flags: --output"},
		{name: "a flag's value missing", args: []string{"backup", "-o"}, code: 2, en: "--output: expected a value"},
		{name: "a flag for a value", args: []string{"backup", "-o", "--force"}, code: 2, en: "perhaps try"},
		{name: "not a number", args: []string{"ratings", "--year", "abc"}, code: 2, en: `--year: expected a whole number but got "abc"`},
		{name: "not a number (width)", args: []string{"standard", "show", "--width", "宽"}, code: 2, en: "--width: expected a whole number"},
		{name: "not true or false", args: []string{"schools", "list", "--archived=也许"}, code: 2, en: "bool value must be"},
		{name: "a flag of the default command", args: []string{"rectifications", "--status", "open", "show", "x"}, code: 2, en: "applies to the default command"},
		{name: "an unknown language", args: []string{"doctor", "--lang", "fr"}, code: 2, en: `language "fr": expected zh or en`},
		{name: "an unknown format", args: []string{"--db", "bc.db", "ratings", "-f", "pdf"}, code: 2, en: "--format pdf: expected one of"},
		{name: "a format not from the extension", args: []string{"--db", "bc.db", "ratings", "-o", "评比.pdf"}, code: 2, en: "cannot tell the format"},
		{name: "a format a command does not write", args: []string{"--db", "bc.db", "report", "--school", "城关小学", "-f", "csv"}, code: 2, en: "--format csv: expected one of"},
		{name: "not in a terminal", args: []string{"--db", "bc.db"}, code: 1, en: "needs a terminal"},

		// The database.
		{name: "no database", args: []string{"--db", "无.db", "doctor"}, code: 1, en: "does not exist"},
		{name: "no database to list", args: []string{"--db", "无.db", "visits", "list"}, code: 1, en: "does not exist"},
		{name: "a folder for a database", args: []string{"--db", ".", "doctor"}, code: 1, en: "is a directory"},
		{name: "an empty file", files: map[string]string{"空.db": ""}, args: []string{"--db", "空.db", "doctor"}, code: 1, en: "the file is empty"},
		{name: "not a database", files: map[string]string{"文本.db": strings.Repeat("这不是数据库。\n", 2000)}, args: []string{"--db", "文本.db", "doctor"}, code: 1, en: "not a readable branchcheck database"},
		{name: "a database in use", setup: holdDatabase, args: []string{"--db", "bc.db", "schools", "add", "南关小学"}, code: 1, en: "in use by the inspection app"},
		{name: "a database too new", setup: schemaVersion(99), args: []string{"--db", "bc.db", "doctor"}, code: 1, en: "written by a newer branchcheck"},
		{name: "a database to upgrade, read only", setup: schemaVersion(2), args: []string{"--db", "bc.db", "ratings"}, code: 1, en: "needs an upgrade"},
		{name: "a damaged value", setup: damageSchool, args: []string{"--db", "bc.db", "schools", "add", "南关小学"}, code: 1, en: "is damaged"},
		// The workbook reads the visits for its 问题清单 (the table rates
		// from the summaries: it reads no visit).
		{name: "a damaged value, rated", setup: damageVisit, args: []string{"--db", "bc.db", "ratings", "--year", "2026", "-o", "评比.xlsx"}, code: 1, en: "rate 2026"},
		{name: "a folder that cannot be made", args: []string{"--db", "/proc/branchcheck/bc.db", "schools", "add", "南关小学"}, code: 1, en: "/proc/branchcheck"},
		{name: "no database to back up", args: []string{"--db", "无.db", "backup", "-o", "备份.db"}, code: 1, en: "does not exist"},

		// Files written.
		{name: "a file that exists", files: map[string]string{"备份.db": "x"}, args: []string{"--db", "bc.db", "backup", "-o", "备份.db"}, code: 1, en: "the file exists (use --force to overwrite it)"},
		{name: "a folder that does not exist", args: []string{"--db", "bc.db", "backup", "-o", "无/备份.db"}, code: 1, en: "does not exist"},
		{name: "a folder for a file", setup: mkdir("目录"), args: []string{"--db", "bc.db", "backup", "-o", "目录"}, code: 1, en: "directory"},
		{name: "a file in the way of a folder", files: map[string]string{"文件": "x"}, args: []string{"--db", "bc.db", "ratings", "-o", "文件/评比.csv"}, code: 1, en: "not a directory"},
		{name: "an export over a file", files: map[string]string{"评比.csv": "x"}, args: []string{"--db", "bc.db", "ratings", "-o", "评比.csv"}, code: 1, en: "the file exists"},
		{name: "a template over a file", files: map[string]string{"标准.yaml": "x"}, args: []string{"standard", "template", "-o", "标准.yaml"}, code: 1, en: "the file exists"},

		// The school list.
		{name: "no school list", args: []string{"--db", "bc.db", "schools", "import", "无.csv"}, code: 1, en: "no such file"},
		{name: "a folder for a school list", setup: mkdir("名单"), args: []string{"--db", "bc.db", "schools", "import", "名单"}, code: 1, en: "is a directory"},
		{name: "an empty school list", files: map[string]string{"名单.csv": ""}, args: []string{"--db", "bc.db", "schools", "import", "名单.csv"}, code: 1, en: "the file is empty"},
		{name: "a header only", files: map[string]string{"名单.csv": csvHead}, args: []string{"--db", "bc.db", "schools", "import", "名单.csv"}, code: 1, en: "only a header"},
		{name: "no name column", files: map[string]string{"名单.csv": "名字,镇\n城关小学,城关镇\n"}, args: []string{"--db", "bc.db", "schools", "import", "名单.csv"}, code: 1, en: "no school name column", allow: []string{"学校名称", "学校", "校名", "单位名称"}},
		{name: "no name column, English header", files: map[string]string{"名单.csv": "title,town\n城关小学,城关镇\n"}, args: []string{"--db", "bc.db", "schools", "import", "名单.csv"}, code: 1, en: "no school name column", allow: []string{"title", "town", "学校名称", "学校", "校名", "单位名称"}},
		{name: "two name columns", files: map[string]string{"名单.csv": "学校名称,name\n城关小学,城关小学\n"}, args: []string{"--db", "bc.db", "schools", "import", "名单.csv"}, code: 1, en: "are the", allow: []string{"name"}},
		{name: "an empty name", files: map[string]string{"名单.csv": csvHead + "城关小学,城关镇,小学,张\n,城关镇,小学,王\n"}, args: []string{"--db", "bc.db", "schools", "import", "名单.csv"}, code: 1, en: "名单.csv:3: 学校名称 is empty"},
		{name: "a school twice", files: map[string]string{"名单.csv": csvHead + "南关小学,城关镇,小学,张\n南关小学,城关镇,小学,王\n"}, args: []string{"--db", "bc.db", "schools", "import", "名单.csv"}, code: 1, en: "is already on line 2"},
		{name: "an id twice", files: map[string]string{"名单.csv": "编号,学校名称\nA1,南关小学\nA1,北关小学\n"}, args: []string{"--db", "bc.db", "schools", "import", "名单.csv"}, code: 1, en: "is already on line 2"},
		{name: "a long cell", files: map[string]string{"名单.csv": csvHead + strings.Repeat("长", 300) + ",城关镇,小学,张\n"}, args: []string{"--db", "bc.db", "schools", "import", "名单.csv"}, code: 1, en: "characters long"},
		{name: "a control character", files: map[string]string{"名单.csv": csvHead + "南关\x1b[31m小学,城关镇,小学,张\n"}, args: []string{"--db", "bc.db", "schools", "import", "名单.csv"}, code: 1, en: "control character"},
		{name: "a line break in a cell", files: map[string]string{"名单.csv": csvHead + "\"南关\n小学\",城关镇,小学,张\n"}, args: []string{"--db", "bc.db", "schools", "import", "名单.csv"}, code: 1, en: "line break"},
		{name: "a bad quote", files: map[string]string{"名单.csv": csvHead + "南关\"小学,城关镇,小学,张\n"}, args: []string{"--db", "bc.db", "schools", "import", "名单.csv"}, code: 1, en: "名单.csv:2"},
		{name: "Latin-1", files: map[string]string{"名单.csv": "name,township\nCaf\xe9 \xe9cole,Ville\n"}, args: []string{"--db", "bc.db", "schools", "import", "名单.csv"}, code: 1, en: "UTF-8 or GB18030"},
		{name: "an unknown encoding", files: map[string]string{"名单.csv": csvHead + "南关小学,城关镇,小学,张\n"}, args: []string{"--db", "bc.db", "schools", "import", "名单.csv", "--encoding", "火星文"}, code: 1, en: "火星文"},
		{name: "an Excel 97 workbook", files: map[string]string{"名单.xls": "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 600)}, args: []string{"--db", "bc.db", "schools", "import", "名单.xls"}, code: 1, en: ".xls"},
		{name: "a workbook named .csv", files: map[string]string{"名单.csv": "PK\x03\x04" + strings.Repeat("\x00", 100)}, args: []string{"--db", "bc.db", "schools", "import", "名单.csv"}, code: 1, en: "workbook"},
		{name: "a zip, not a workbook", setup: writeZip("名单.xlsx"), args: []string{"--db", "bc.db", "schools", "import", "名单.xlsx"}, code: 1, en: "not an Excel workbook"},
		{name: "a damaged workbook", files: map[string]string{"名单.xlsx": "PK\x03\x04" + strings.Repeat("坏", 100)}, args: []string{"--db", "bc.db", "schools", "import", "名单.xlsx"}, code: 1, en: "damaged"},
		{name: "a workbook without a name column", setup: writeWorkbook("名单.xlsx", [][]string{{"名字", "镇"}, {"南关小学", "城关镇"}}), args: []string{"--db", "bc.db", "schools", "import", "名单.xlsx"}, code: 1, en: "no school name column", allow: []string{"学校名称", "学校", "校名", "单位名称", "名字", "镇"}},
		{name: "a workbook with an empty name", setup: writeWorkbook("名单.xlsx", [][]string{{"学校名称", "乡镇"}, {"南关小学", "城关镇"}, {"", "城关镇"}}), args: []string{"--db", "bc.db", "schools", "import", "名单.xlsx"}, code: 1, en: "row 3", allow: []string{"学校名称"}},
		{name: "an empty workbook", setup: writeWorkbook("名单.xlsx", nil), args: []string{"--db", "bc.db", "schools", "import", "名单.xlsx"}, code: 1, en: "empty"},
		{name: "UTF-16 cut short", files: map[string]string{"名单.csv": "\xff\xfe\x66\x5b\x21"}, args: []string{"--db", "bc.db", "schools", "import", "名单.csv"}, code: 1, en: "名单.csv", allow: []string{"学校名称", "学校", "校名", "单位名称", "学"}},

		// Schools.
		{name: "a school twice, added", args: []string{"--db", "bc.db", "schools", "add", "城关小学", "--township", "城关镇"}, code: 1, en: "is already in the list"},
		{name: "an archived school again", args: []string{"--db", "bc.db", "schools", "add", "北岭小学", "--township", "北岭乡"}, code: 1, en: "archived on"},
		{name: "an empty name, added", args: []string{"--db", "bc.db", "schools", "add", " "}, code: 1, en: "name"},
		{name: "a control character, added", args: []string{"--db", "bc.db", "schools", "add", "南关\x1b[2J小学"}, code: 1, en: "control character"},
		{name: "a long name, added", args: []string{"--db", "bc.db", "schools", "add", strings.Repeat("长", 300)}, code: 1, en: "at most"},
		{name: "nothing to edit", args: []string{"--db", "bc.db", "schools", "edit", "城关小学"}, code: 2, en: "nothing to change"},
		{name: "no school to edit", args: []string{"--db", "bc.db", "schools", "edit", "南关小学", "--kind", "初中"}, code: 1, en: "no school is named"},
		{name: "an edit onto another school", args: []string{"--db", "bc.db", "schools", "edit", "西山小学", "--name", "城关小学", "--township", "城关镇"}, code: 1, en: "is already in the list"},
		{name: "an edit to no name", args: []string{"--db", "bc.db", "schools", "edit", "西山小学", "--name", ""}, code: 1, en: "needs a name"},
		{name: "a school with visits deleted", args: []string{"--db", "bc.db", "schools", "delete", "城关小学"}, code: 1, en: "cannot be deleted"},
		{name: "no school to delete", args: []string{"--db", "bc.db", "schools", "delete", "南关小学"}, code: 1, en: "no school is named"},
		{name: "a school with a draft archived", args: []string{"--db", "bc.db", "schools", "archive", "东河中学"}, code: 1, en: "draft"},
		{name: "a school with one visit deleted", args: []string{"--db", "bc.db", "schools", "delete", "城关小学"}, code: 1, en: "has 1 visit and cannot be deleted"},
		{name: "a school with one draft archived", args: []string{"--db", "bc.db", "schools", "archive", "东河中学"}, code: 1, en: "has 1 draft visit left to finalize or delete"},
		{name: "no school to archive", args: []string{"--db", "bc.db", "schools", "archive", "南关小学"}, code: 1, en: "no school is named"},

		// The standard.
		{name: "no standard file", args: []string{"standard", "validate", "无.yaml"}, code: 1, en: "no such file"},
		{name: "an empty standard", files: map[string]string{"标准.yaml": "\n"}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "empty"},
		{name: "a standard in GBK", files: map[string]string{"标准.yaml": "title: \xb1\xea\xd7\xbc\n"}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "not UTF-8"},
		{name: "a standard in UTF-16", files: map[string]string{"标准.yaml": "\xff\xfet\x00"}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "UTF-16"},
		{name: "a standard with an alias", files: map[string]string{"标准.yaml": "a: &x 1\nb: *x\n"}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "aliases"},
		{name: "YAML that does not parse", files: map[string]string{"标准.yaml": "format: 1\nid: [a\n"}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "标准.yaml:"},
		{name: "YAML with a tab", files: map[string]string{"标准.yaml": "format: 1\n\tid: a\n"}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "标准.yaml:"},
		{name: "two documents", files: map[string]string{"标准.yaml": goodStandard + "---\n" + goodStandard}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "one YAML document"},
		{name: "a list for a standard", files: map[string]string{"标准.yaml": "- 1\n- 2\n"}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "标准.yaml:"},
		{name: "an unknown field", files: map[string]string{"标准.yaml": standardWith("year: 2027\n", "year: 2027\ncolour: 红\n")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "colour", allow: []string{"colour"}},
		{name: "a field of the wrong kind", files: map[string]string{"标准.yaml": standardWith("year: 2027", "year: 明年")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "year"},
		{name: "a list for a text", files: map[string]string{"标准.yaml": standardWith("title: 县", "title: [县]\nx: ")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "title"},
		{name: "an id as a list", files: map[string]string{"标准.yaml": standardWith(`id: "1"`, `id: ["1"]`)}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "an id must be"},
		{name: "no format", files: map[string]string{"标准.yaml": standardWith("format: 1\n", "")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "missing field format"},
		{name: "a later format", files: map[string]string{"标准.yaml": standardWith("format: 1", "format: 9")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "format 9"},
		{name: "no id", files: map[string]string{"标准.yaml": standardWith("id: county-2027\n", "")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "needs an id"},
		{name: "a bad id", files: map[string]string{"标准.yaml": standardWith("id: county-2027", "id: 县标准")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "use letters"},
		{name: "a bad item id", files: map[string]string{"标准.yaml": standardWith(`id: "1.1"`, `id: "一.1"`)}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "use letters"},
		{name: "a bad year", files: map[string]string{"标准.yaml": standardWith("year: 2027", "year: 12345")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "is not a year"},
		{name: "no title", files: map[string]string{"标准.yaml": standardWith("title: 县教育局2027年党支部检查标准\n", "")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "needs a title"},
		{name: "a note of spaces", files: map[string]string{"标准.yaml": standardWith("year: 2027\n", "year: 2027\nsource_note: \"  \"\n")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "only spaces"},
		{name: "an English title only", files: map[string]string{"标准.yaml": standardWith("    title: 党建引领", "    title: 党建引领\n    text_en: Party leads")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "no Chinese one"},
		{name: "no requirements", files: map[string]string{"标准.yaml": goodStandard[:strings.Index(goodStandard, "requirements:")]}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "no requirements"},
		{name: "a requirement without items", files: map[string]string{"标准.yaml": standardWith("    items:\n      - {id: \"1.1\", text: 书记第一责任人}\n", "")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "has no items"},
		{name: "an item without text", files: map[string]string{"标准.yaml": standardWith(", text: 书记第一责任人", "")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "has no text"},
		{name: "a weight of 0", files: map[string]string{"标准.yaml": standardWith("text: 书记第一责任人", "text: 书记第一责任人, weight: 0")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "weight must be more than 0"},
		{name: "points of 0", files: map[string]string{"标准.yaml": standardWith("    title: 党建引领", "    title: 党建引领\n    points: 0")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "points must be more than 0"},
		{name: "an unscored veto item", files: map[string]string{"标准.yaml": standardWith("text: 书记第一责任人", "text: 书记第一责任人, veto: true, scored: false")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "veto item must be scored"},
		{name: "nothing scored", files: map[string]string{"标准.yaml": standardWith("text: 书记第一责任人", "text: 书记第一责任人, scored: false")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "no scored item"},
		{name: "an id twice", files: map[string]string{"标准.yaml": standardWith("      - {id: \"1.1\", text: 书记第一责任人}\n", "      - {id: \"1.1\", text: 书记第一责任人}\n      - {id: \"1.1\", text: 书记}\n")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "first at line"},
		{name: "rectification days of 0", files: map[string]string{"标准.yaml": standardWith("year: 2027\n", "year: 2027\nrectification_days: 0\n")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "rectification_days"},
		{name: "no star levels", files: map[string]string{"标准.yaml": standardWith("  levels:\n    - {stars: 5, min_points: 95}\n    - {stars: 4, min_points: 85}\n    - {stars: 3, min_points: 75}\n    - {stars: 2, min_points: 60}\n", "  levels: []\n")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "lists no levels"},
		{name: "too many stars", files: map[string]string{"标准.yaml": standardWith("{stars: 5, min_points: 95}", "{stars: 11, min_points: 95}")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "top level must be"},
		{name: "stars skipped", files: map[string]string{"标准.yaml": standardWith("{stars: 4, min_points: 85}", "{stars: 3, min_points: 85}")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "one star at a time"},
		{name: "stars skipped down to one", files: map[string]string{"标准.yaml": standardWith("{stars: 2, min_points: 60}", "{stars: 1, min_points: 60}")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "1 star follows 3"},
		{name: "a quota of one star for all", files: map[string]string{"标准.yaml": standardWith("stars:\n", "stars:\n  quotas:\n    - {stars: 1, at_most_percent: 100}\n")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "1 star: at_most_percent must be"},
		{name: "a quota of one star twice", files: map[string]string{"标准.yaml": standardWith("stars:\n", "stars:\n  quotas:\n    - {stars: 1, at_most_percent: 10}\n    - {stars: 1, at_most_percent: 20}\n")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "the quota of 1 star is given twice"},
		{name: "thresholds out of order", files: map[string]string{"标准.yaml": standardWith("{stars: 4, min_points: 85}", "{stars: 4, min_points: 99}")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "thresholds out of order"},
		{name: "a threshold above the total", files: map[string]string{"标准.yaml": standardWith("{stars: 5, min_points: 95}", "{stars: 5, min_points: 195}")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "min_points must be"},
		{name: "one star at the bottom", files: map[string]string{"标准.yaml": standardWith("    - {stars: 2, min_points: 60}\n", "    - {stars: 2, min_points: 60}\n    - {stars: 1, min_points: 10}\n")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "at least 2 stars"},
		{name: "a lagging bound off the scale", files: map[string]string{"标准.yaml": standardWith("stars:\n", "stars:\n  lagging_at_or_below: 7\n")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "lagging_at_or_below must be"},
		{name: "a veto cap off the scale", files: map[string]string{"标准.yaml": standardWith("stars:\n", "stars:\n  veto_cap: 9\n")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "veto_cap must be"},
		{name: "points that do not add up", files: map[string]string{"标准.yaml": standardWith("    title: 党建引领\n    items:\n      - {id: \"1.1\", text: 书记第一责任人}", "    title: 党建引领\n    points: 25\n    items:\n      - {id: \"1.1\", text: 书记第一责任人, points: 20}")}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "25"},
		{name: "a standard too large", files: map[string]string{"标准.yaml": "# " + strings.Repeat("长", 400000) + "\n"}, args: []string{"standard", "validate", "标准.yaml"}, code: 1, en: "larger than"},
		{name: "the shipped standard's id", files: map[string]string{"标准.yaml": standardWith("id: county-2027", "id: wuyao-default-v2")}, args: []string{"--db", "bc.db", "standard", "install", "标准.yaml"}, code: 1, en: "shipped standard"},
		{name: "a standard in use changed", files: map[string]string{"标准.yaml": checklistDefaultChanged()}, args: []string{"--db", "bc.db", "standard", "install", "标准.yaml"}, code: 1, en: "wuyao-default"},
		{name: "a standard of one visit changed", setup: standardOfVisits(1), files: map[string]string{"标准.yaml": standard2026("title: 改过的标准")}, args: []string{"--db", "bc.db", "standard", "install", "标准.yaml"}, code: 1, en: "county-2026 is the standard of 1 inspection, so"},
		{name: "a standard of two visits changed", setup: standardOfVisits(2), files: map[string]string{"标准.yaml": standard2026("title: 改过的标准")}, args: []string{"--db", "bc.db", "standard", "install", "标准.yaml"}, code: 1, en: "county-2026 is the standard of 2 inspections, so"},
		{name: "no standard with the id", args: []string{"--db", "bc.db", "standard", "show", "--id", "nosuch"}, code: 1, en: "nosuch"},
		{name: "no standard with the id, no database", args: []string{"--db", "无.db", "standard", "show", "--id", "nosuch"}, code: 1, en: "nosuch"},

		// Ratings, feedback sheets, the ledger.
		{name: "no such township", args: []string{"--db", "bc.db", "ratings", "--township", "火星镇"}, code: 1, en: "火星镇"},
		{name: "no such school for a sheet", args: []string{"--db", "bc.db", "report", "--school", "南关小学"}, code: 1, en: "南关小学"},
		{name: "several schools for a sheet", args: []string{"--db", "bc.db", "report", "--school", "小学"}, code: 1, en: "several schools"},
		{name: "no such visit for a sheet", args: []string{"--db", "bc.db", "report", "--school", "城关小学", "--visit", "nosuch"}, code: 1, en: "nosuch"},
		{name: "a school never visited", args: []string{"--db", "bc.db", "report", "--school", "西山小学"}, code: 1, en: "not been inspected"},
		{name: "an unknown status", args: []string{"--db", "bc.db", "rectifications", "--status", "done"}, code: 2, en: "done"},
		{name: "no such township in the ledger", args: []string{"--db", "bc.db", "rectifications", "--township", "火星镇"}, code: 1, en: "火星镇"},
		{name: "no such school in the ledger", args: []string{"--db", "bc.db", "rectifications", "--school", "南关小学"}, code: 1, en: "南关小学"},
		{name: "a bad rectification id", args: []string{"--db", "bc.db", "rectifications", "show", "坏编号"}, code: 1, en: "no such rectification"},
		{name: "no such rectification", args: []string{"--db", "bc.db", "rectifications", "show", "$FINAL/9.9"}, code: 1, en: "no such rectification"},
		{name: "a report without --by", args: []string{"--db", "bc.db", "rectifications", "report", "$RECT"}, code: 2, en: "--by"},
		{name: "a report in the future", args: []string{"--db", "bc.db", "rectifications", "report", "$RECT", "--by", "张书记", "--on", "2026-07-01"}, code: 1, en: "after today"},
		{name: "a report on a bad date", args: []string{"--db", "bc.db", "rectifications", "report", "$RECT", "--by", "张书记", "--on", "2026-02-30"}, code: 2, en: "2026"},
		{name: "a decision by nobody", args: []string{"--db", "bc.db", "rectifications", "close", "$RECT", "--reason", "已复查"}, code: 2, en: "--by"},
		{name: "a close without a reason", args: []string{"--db", "bc.db", "rectifications", "close", "$RECT", "--by", "李督查"}, code: 1, en: "needs a reason"},
		{name: "a deadline and --clear", args: []string{"--db", "bc.db", "rectifications", "deadline", "$RECT", "2026-12-31", "--clear"}, code: 2, en: "--clear"},
		{name: "no deadline", args: []string{"--db", "bc.db", "rectifications", "deadline", "$RECT", "--by", "李督查"}, code: 2, en: "--clear"},
		{name: "a deadline before the visit", args: []string{"--db", "bc.db", "rectifications", "deadline", "$RECT", "2026-03-01", "--by", "李督查"}, code: 1, en: "2026-03-01"},
		{name: "a person and --clear", args: []string{"--db", "bc.db", "rectifications", "responsible", "$RECT", "王老师", "--clear"}, code: 2, en: "--clear"},

		// Settings.
		{name: "a bureau and --clear", args: []string{"--db", "bc.db", "settings", "bureau", "某县教育局", "--clear"}, code: 2, en: "not both"},
		{name: "a bureau of spaces", args: []string{"--db", "bc.db", "settings", "bureau", "  "}, code: 1, en: "only spaces"},
		{name: "a bureau with a control character", args: []string{"--db", "bc.db", "settings", "bureau", "某县\x07教育局"}, code: 1, en: "control character"},
		{name: "an unknown time zone", args: []string{"--db", "bc.db", "settings", "timezone", "北京"}, code: 1, en: "unknown time zone"},
		{name: "a zone and --clear", args: []string{"--db", "bc.db", "settings", "timezone", "Asia/Shanghai", "--clear"}, code: 2, en: "not both"},

		// Bundles.
		{name: "a bad --since", args: []string{"--db", "bc.db", "bundle", "export", "--since", "去年", "-o", "包.bundle"}, code: 2, en: "--since"},
		{name: "a bundle over a file", files: map[string]string{"包.bundle": "x"}, args: []string{"--db", "bc.db", "bundle", "export", "-o", "包.bundle"}, code: 1, en: "the file exists"},
		{name: "no bundle", args: []string{"--db", "bc.db", "bundle", "import", "无.bundle"}, code: 1, en: "no such file"},
		{name: "not a bundle", files: map[string]string{"包.bundle": "这不是导入包"}, args: []string{"--db", "bc.db", "bundle", "import", "包.bundle"}, code: 1, en: "nothing was imported"},
		{name: "standard input twice", args: []string{"--db", "bc.db", "bundle", "import", "-", "-"}, code: 2, en: "can be given once"},
		{name: "a damaged bundle", setup: cutBundle, args: []string{"--db", "bc.db", "bundle", "import", "包.bundle"}, code: 1, en: "nothing was imported"},
		{name: "a bundle with a school without a name", setup: writeBundle(func(w *bundle.Writer) error {
			return w.School(&checklist.School{ID: "0190abcd-ef01-7abc-8def-0123456789ab", Name: ""})
		}), args: []string{"--db", "bc.db", "bundle", "import", "包.bundle"}, code: 1, en: "0190abcd-ef01-7abc-8def-0123456789ab"},
		{name: "a bundle with a school's name of control characters", setup: writeBundle(func(w *bundle.Writer) error {
			return w.School(&checklist.School{ID: "0190abcd-ef01-7abc-8def-0123456789ab", Name: "南关\x1b[2J小学"})
		}), args: []string{"--db", "bc.db", "bundle", "import", "包.bundle"}, code: 1, en: "control character"},
		{name: "a bundle with a visit without its versions", setup: writeBundle(func(w *bundle.Writer) error {
			in, err := checklist.NewInspection("0190abcd-ef01-7abc-8def-0123456789ac", "0190abcd-ef01-7abc-8def-0123456789ab", checklist.DefaultStandard(), "王督查", checklist.Date{Year: 2026, Month: 5, Day: 2}, errorNow)
			if err != nil {
				return err
			}
			if err := w.Standard(checklist.DefaultStandard()); err != nil {
				return err
			}
			return w.Inspection(in)
		}), args: []string{"--db", "bc.db", "bundle", "import", "包.bundle"}, code: 1, en: "no version vector"},
		{name: "a bundle with an audit entry of no visit", setup: writeBundle(func(w *bundle.Writer) error {
			return w.Audit(&checklist.Change{InspectionID: "0190abcd-ef01-7abc-8def-0123456789ab"})
		}), args: []string{"--db", "bc.db", "bundle", "import", "包.bundle"}, code: 1, en: "nothing was imported"},

		// Visits.
		{name: "no such school's visits", args: []string{"--db", "bc.db", "visits", "list", "--school", "南关小学"}, code: 1, en: "南关小学"},
		{name: "a bad date", args: []string{"--db", "bc.db", "visits", "redate", "$DRAFT", "2026-11-31"}, code: 2, en: "2026"},
		{name: "not a date", args: []string{"--db", "bc.db", "visits", "redate", "$DRAFT", "明天"}, code: 2, en: "明天"},
		{name: "a date after today", args: []string{"--db", "bc.db", "visits", "redate", "$DRAFT", "2026-06-02"}, code: 1, en: "after today"},
		{name: "no such visit to redate", args: []string{"--db", "bc.db", "visits", "redate", "nosuch", "2026-05-02"}, code: 1, en: "nosuch"},
		{name: "a finalized visit redated", args: []string{"--db", "bc.db", "visits", "redate", "$FINAL", "2026-04-02"}, code: 1, en: "finalized"},
		{name: "a finalized visit deleted", args: []string{"--db", "bc.db", "visits", "delete", "$FINAL"}, code: 1, en: "never finalized"},
		{name: "a draft of a confirmed year deleted", setup: confirmYear, args: []string{"--db", "bc.db", "visits", "delete", "$DRAFT"}, code: 1, en: "withdraw the confirmation first"},
		{name: "a draft of a confirmed year re-dated", setup: confirmYear, args: []string{"--db", "bc.db", "visits", "redate", "$DRAFT", "2026-05-02"}, code: 1, en: "withdraw the confirmation first"},
		{name: "no such visit to delete", args: []string{"--db", "bc.db", "visits", "delete", "nosuch"}, code: 1, en: "nosuch"},

		// The year end.
		{name: "a veto situation the standard does not name", args: []string{"--db", "bc.db", "vetoes", "add", "城关小学", "discipline", "--reason", "受处分", "--year", "2026", "--by", "王主任"}, code: 1, en: "lists no veto situation"},
		{name: "no veto record to lift", args: []string{"--db", "bc.db", "vetoes", "lift", "城关小学", "discipline", "--reason", "撤销", "--year", "2026", "--by", "王主任"}, code: 1, en: "no veto record"},
		{name: "a veto without who records it", args: []string{"--db", "bc.db", "vetoes", "add", "城关小学", "discipline", "--reason", "受处分", "--year", "2026"}, code: 2, en: "--by"},
		{name: "a public notice ending before it starts", args: []string{"--db", "bc.db", "year", "publish", "--year", "2026", "--from", "2026-05-10", "--to", "2026-05-01", "--by", "王主任"}, code: 1, en: "before it starts"},
		{name: "a public notice too long", args: []string{"--db", "bc.db", "year", "publish", "--year", "2026", "--from", "2026-04-01", "--to", "2026-05-30", "--by", "王主任"}, code: 1, en: "more than 31"},
		{name: "a year confirmed before its notice", args: []string{"--db", "bc.db", "year", "confirm", "--year", "2026", "--on", "2026-05-20", "--by", "王主任"}, code: 1, en: "has not been published"},
		{name: "nothing to withdraw", args: []string{"--db", "bc.db", "year", "withdraw", "--year", "2026", "--reason", "重评", "--by", "王主任"}, code: 1, en: "nothing to withdraw"},
		{name: "a self-assessment of no such school", args: []string{"--db", "bc.db", "selfcheck", "show", "南关小学"}, code: 1, en: "南关小学"},
		{name: "a self-assessment form of no known format", args: []string{"--db", "bc.db", "selfcheck", "template", "城关小学", "-o", "自评表.txt"}, code: 2, en: "cannot tell the format"},
		{name: "not a self-assessment form", files: map[string]string{"自评表.xlsx": "不是表格"}, args: []string{"--db", "bc.db", "selfcheck", "import", "自评表.xlsx", "--by", "王主任"}, code: 1, en: "not a self-assessment form"},
		{name: "a self-assessment form with one problem", setup: selfFormWithBadCells("1.1"), args: []string{"--db", "bc.db", "selfcheck", "import", "自评表.xlsx", "--by", "王主任"}, code: 1, en: "has 1 problem, nothing was imported"},
		{name: "a self-assessment form with two problems", setup: selfFormWithBadCells("1.1", "1.2"), args: []string{"--db", "bc.db", "selfcheck", "import", "自评表.xlsx", "--by", "王主任"}, code: 1, en: "has 2 problems, nothing was imported"},

		// The demo.
		{name: "a demo into a database with data", args: []string{"--db", "bc.db", "demo"}, code: 1, en: "already holds"},
	}
}

// checklistDefaultChanged is the shipped standard's file with one item's
// text changed: a different standard under an id a visit uses.
func checklistDefaultChanged() string {
	f := string(checklist.DefaultStandardFile())
	i := strings.Index(f, "text: ")
	return f[:i] + "text: 改过的条目\n" + f[strings.Index(f[i:], "\n")+i+1:]
}

// holdDatabase keeps bc.db open, as the app does, until the command has
// run.
func holdDatabase(t *testing.T, _ *errorSeed) func() {
	s, err := store.Open("bc.db", store.Options{Now: func() time.Time { return errorNow }, NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	return func() { s.Close() }
}

// schemaVersion sets bc.db's schema version (store/buckets.go).
func schemaVersion(v uint64) func(*testing.T, *errorSeed) func() {
	return func(t *testing.T, _ *errorSeed) func() {
		updateBolt(t, func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), binary.BigEndian.AppendUint64(nil, v))
		})
		return nil
	}
}

// confirmYear publishes 2026's ratings in bc.db and confirms them: the
// year is locked.
func confirmYear(t *testing.T, _ *errorSeed) func() {
	st, err := store.Open("bc.db", store.Options{Now: func() time.Time { return errorNow }, NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	day := func(s string) checklist.Date {
		d, err := checklist.ReadDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if _, err := st.PublishYear(2026, day("2026-05-01"), day("2026-05-07"), "王主任"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ConfirmYear(2026, day("2026-05-20"), "王主任"); err != nil {
		t.Fatal(err)
	}
	return nil
}

// damageSchool puts bytes that do not decode in 城关小学's value.
func damageSchool(t *testing.T, s *errorSeed) func() {
	updateBolt(t, func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("schools")).Put([]byte(s.chengguan), []byte{1, 0xff, 0xfe, 0xfd})
	})
	return nil
}

// damageVisit puts bytes that do not decode in the finalized visit's
// value, after the day's check of values ran.
func damageVisit(t *testing.T, s *errorSeed) func() {
	updateBolt(t, func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("inspections")).Put([]byte(s.finalized), []byte{1, 0xff, 0xfe, 0xfd})
	})
	return nil
}

func updateBolt(t *testing.T, f func(*bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open("bc.db", 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(f); err != nil {
		t.Fatal(err)
	}
}

func mkdir(name string) func(*testing.T, *errorSeed) func() {
	return func(t *testing.T, _ *errorSeed) func() {
		if err := os.Mkdir(name, 0o700); err != nil {
			t.Fatal(err)
		}
		return nil
	}
}

// writeZip writes a zip archive that is not a workbook.
func writeZip(name string) func(*testing.T, *errorSeed) func() {
	return func(t *testing.T, _ *errorSeed) func() {
		var b bytes.Buffer
		z := zip.NewWriter(&b)
		w, _ := z.Create("说明.txt")
		w.Write([]byte("不是工作簿"))
		z.Close()
		if err := os.WriteFile(name, b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		return nil
	}
}

// standard2026 is goodStandard as county-2026, the standard of 2026,
// with its title the one given.
func standard2026(title string) string {
	return strings.Replace(standardWith("id: county-2027\nyear: 2027", "id: county-2026\nyear: 2026"),
		"title: 县教育局2027年党支部检查标准", title, 1)
}

// standardOfVisits installs county-2026 in bc.db and starts n visits of
// 西山小学 under it.
func standardOfVisits(n int) func(*testing.T, *errorSeed) func() {
	return func(t *testing.T, seed *errorSeed) func() {
		if err := os.WriteFile("原.yaml", []byte(standard2026("title: 县教育局2026年党支部检查标准")), 0o600); err != nil {
			t.Fatal(err)
		}
		if code, _, errs := runAt(errorNow, "--db", "bc.db", "standard", "install", "原.yaml"); code != exitOK {
			t.Fatal(errs)
		}
		s, err := store.Open("bc.db", store.Options{Now: func() time.Time { return errorNow }, NoDailyBackup: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		for i := range n {
			if _, err := s.CreateInspection(seed.unvisitedID, "李督查", checklist.Date{Year: 2026, Month: 5, Day: 1 + i}); err != nil {
				t.Fatal(err)
			}
		}
		return nil
	}
}

// selfFormWithBadCells writes 城关小学's 自评表 as 自评表.xlsx, filled in
// with a word that is no verdict for each of the items.
func selfFormWithBadCells(items ...string) func(*testing.T, *errorSeed) func() {
	return func(t *testing.T, _ *errorSeed) func() {
		if code, _, errs := runAt(errorNow, "--db", "bc.db", "selfcheck", "template", "城关小学", "-o", "自评表.xlsx"); code != exitOK {
			t.Fatal(errs)
		}
		f, err := excelize.OpenFile("自评表.xlsx")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sheet := f.GetSheetList()[0]
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			if len(r) > 2 && slices.Contains(items, r[2]) {
				f.SetCellStr(sheet, fmt.Sprintf("F%d", i+1), "还行")
			}
		}
		if err := f.Save(); err != nil {
			t.Fatal(err)
		}
		return nil
	}
}

// writeWorkbook writes a workbook of one sheet with rows.
func writeWorkbook(name string, rows [][]string) func(*testing.T, *errorSeed) func() {
	return func(t *testing.T, _ *errorSeed) func() {
		f := excelize.NewFile()
		for i, r := range rows {
			for j, v := range r {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				f.SetCellStr("Sheet1", cell, v)
			}
		}
		if err := f.SaveAs(name); err != nil {
			t.Fatal(err)
		}
		return nil
	}
}

// writeBundle writes 包.bundle with the records write writes.
func writeBundle(write func(*bundle.Writer) error) func(*testing.T, *errorSeed) func() {
	return func(t *testing.T, _ *errorSeed) func() {
		var b bytes.Buffer
		w, err := bundle.NewWriter(&b, bundle.Header{CreatedAt: errorNow, DatabaseID: "0190abcd-ef01-7abc-8def-0123456789aa"})
		if err != nil {
			t.Fatal(err)
		}
		if err := write(w); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("包.bundle", b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		return nil
	}
}

// cutBundle writes the seed's bundle cut short.
func cutBundle(t *testing.T, _ *errorSeed) func() {
	if code, _, errs := runAt(errorNow, "--db", "bc.db", "bundle", "export", "-o", "全.bundle"); code != exitOK {
		t.Fatal(errs)
	}
	b, err := os.ReadFile("全.bundle")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("包.bundle", b[:len(b)/2], 0o600)
	return nil
}

// TestEveryErrorInBothLanguages drives every error a user can reach from
// the command line, in Chinese and in English, and checks that each is
// one line on stderr (a usage error: and the hint to --help) with its
// exit code, that the Chinese says no word of English (englishWords) and
// that the English says no Chinese but the scenario's own data.
func TestEveryErrorInBothLanguages(t *testing.T) {
	seed := makeErrorSeed(t)
	seedData, err := os.ReadFile(seed.path)
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range errorScenarios() {
		t.Run(sc.name, func(t *testing.T) {
			if strings.HasPrefix(sc.name, "a folder that cannot be made") && os.Geteuid() != 0 {
				t.Skip("/proc: only root gets past the folder's permission")
			}
			for _, lang := range []string{"zh", "en"} {
				dir := t.TempDir()
				t.Chdir(dir)
				if err := os.WriteFile("bc.db", seedData, 0o600); err != nil {
					t.Fatal(err)
				}
				var inputs []string
				for name, content := range sc.files {
					if err := os.WriteFile(name, []byte(content), 0o600); err != nil {
						t.Fatal(err)
					}
					inputs = append(inputs, name)
				}
				if sc.setup != nil {
					if after := sc.setup(t, seed); after != nil {
						defer after()
					}
				}
				args := make([]string, len(sc.args))
				for i, a := range sc.args {
					args[i] = seed.expand(a)
				}
				inputs = append(inputs, args...)
				var out, errs bytes.Buffer
				code := run(args, environment{stdin: strings.NewReader(sc.stdin), stdout: &out, stderr: &errs,
					getenv: func(k string) string {
						if k == "LANG" && lang == "en" {
							return "en_US.UTF-8"
						}
						return ""
					},
					now: func() time.Time { return errorNow }})
				msg := errs.String()
				t.Logf("%s: %s", lang, strings.TrimSpace(msg))
				if code != sc.code {
					t.Errorf("%s: exit %d, want %d; stderr:\n%s", lang, code, sc.code, msg)
				}
				lines := strings.Split(strings.TrimSuffix(msg, "\n"), "\n")
				if sc.code == exitUsage && len(lines) == 2 && (lines[1] == "用 branchcheck --help 查看用法。" || lines[1] == "Run branchcheck --help for usage.") {
					lines = lines[:1]
				}
				if len(lines) != 1 || !strings.HasPrefix(lines[0], "branchcheck: ") {
					t.Errorf("%s: not one line:\n%s", lang, msg)
				}
				if lang == "en" {
					if !strings.Contains(msg, sc.en) {
						t.Errorf("en: %q is not in\n%s", sc.en, msg)
					}
					data := append(append(inputs, seedWords...), sc.allow...)
					for _, in := range inputs {
						data = append(data, hanRuns(in)...)
					}
					for _, content := range sc.files {
						data = append(data, hanRuns(content)...)
					}
					if han := chineseWords(msg, data); len(han) > 0 {
						t.Errorf("en: Chinese %q in\n%s", han, msg)
					}
					continue
				}
				if words := englishWords(msg, append(sc.allow, argWords(args)...)); len(words) > 0 {
					t.Errorf("zh: English %q in\n%s", words, msg)
				}
				// A kind said alone says nothing of what is wrong.
				for _, kind := range []error{checklist.ErrInvalid, checklist.ErrNotFound} {
					bare := i18n.Chinese.Error(kind)
					if lines[0] == "branchcheck: "+bare || strings.HasSuffix(lines[0], "："+bare) {
						t.Errorf("zh: only the kind of the error: %s", msg)
					}
				}
			}
		})
	}
}

// hanRuns are the runs of Chinese characters in s.
func hanRuns(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.Is(unicode.Han, r) })
}

// seedWords are the seed database's texts, which an English message may
// name.
var seedWords = []string{"城关小学", "城关镇", "东河中学", "东河乡", "西山小学", "西山镇", "北岭小学", "北岭乡", "小学", "张书记", "李督查"}

// argWords are the words of a command's arguments that are not flags:
// names the user typed, which a message may repeat.
func argWords(args []string) []string {
	var words []string
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			words = append(words, a)
		}
	}
	return words
}

var (
	// quoted is data between quotation marks: Go's ("…", escapes
	// included) or Chinese (“…”).
	quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|“[^”]*”`)
	// asciiRun is a run of printable ASCII without spaces: a token.
	asciiRun = regexp.MustCompile(`[!-~]+`)
	// latinWord is a word of three Latin letters or more.
	latinWord = regexp.MustCompile(`[A-Za-z]{3,}`)
)

// wordsAllowed are the ASCII words a Chinese message may hold: the
// program's name and commands, formats, encodings and the values a flag
// takes.
var wordsAllowed = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`branchcheck
		xlsx xlsm xls csv json yaml yml html md txt zip table
		Excel WPS CSV XLSX YAML JSON HTML UTF GBK GB ANSI BOM
		true false yes
		open overdue reported closed all
		schools list add import edit delete archive standard show validate install template
		backup doctor ratings report rectifications close deadline responsible settings bureau timezone
		bundle export visits redate demo
		vetoes lift selfcheck year status publish confirm withdraw
		discipline archives weak
		chmod Asia Shanghai Urumqi backups gzip
		format id year title source note text stars levels requirements groups items weight scored veto points label deduct bonus unit cap`) {
		m[w] = true
	}
	return m
}()

// englishWords are the words of English in a Chinese message: runs of
// three Latin letters or more, outside quoted data, that are not part of
// a file's name or path, a flag, an id (letters with digits), a
// placeholder (<file>, FILE after a flag), nor in wordsAllowed or
// allowed (the scenario's own data).
func englishWords(msg string, allowed []string) []string {
	msg = quoted.ReplaceAllString(msg, " ")
	for _, a := range allowed {
		if a != "" {
			msg = strings.ReplaceAll(msg, a, " ")
		}
	}
	var words []string
	for _, tok := range asciiRun.FindAllString(msg, -1) {
		if strings.HasPrefix(tok, ".") && len(tok) > 1 {
			continue // the extension of a name in Chinese: 名单.xlsx
		}
		tok = strings.Trim(tok, ".,;:!?()[]'")
		switch {
		case strings.HasPrefix(tok, "-"), strings.HasPrefix(tok, "<"), strings.HasPrefix(tok, "%"),
			strings.ContainsAny(tok, `/\.=|_`), strings.ContainsAny(tok, "0123456789"):
			continue
		}
		for _, w := range latinWord.FindAllString(tok, -1) {
			if !wordsAllowed[w] {
				words = append(words, w)
			}
		}
	}
	return words
}

// chineseWords are the runs of Chinese in an English message that are not
// in the scenario's data (its arguments, its files' names, the seed's
// texts) nor between quotation marks.
func chineseWords(msg string, data []string) []string {
	msg = quoted.ReplaceAllString(msg, " ")
	slices.SortFunc(data, func(a, b string) int { return len(b) - len(a) })
	for _, d := range data {
		if d != "" {
			msg = strings.ReplaceAll(msg, d, " ")
		}
	}
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = nil
		}
	}
	for _, r := range msg {
		if unicode.Is(unicode.Han, r) || strings.ContainsRune("，。；：（）“”、！？", r) {
			cur = append(cur, r)
		} else {
			flush()
		}
	}
	flush()
	return words
}

// TestEnglishWords checks the checker.
func TestEnglishWords(t *testing.T) {
	for _, tt := range []struct {
		msg  string
		want []string
	}{
		{"branchcheck: 数据库 bc.db 正被另一个 branchcheck 使用", nil},
		{"branchcheck: write x.csv: the file exists", []string{"write", "the", "file", "exists"}},
		{"branchcheck: 缺少选项 --output=FILE", nil},
		{`branchcheck: --year：应为整数，“abc” 不是整数`, nil},
		{"branchcheck: 标准.yaml:3:1：unknown field", []string{"unknown", "field"}},
		{"branchcheck: 检查 0190abcd-ef01-7abc-8def-0123456789ab 不存在", nil},
		{"branchcheck: 用 branchcheck visits list 列出", nil},
		{"branchcheck: 缺少参数 <file>", nil},
	} {
		if got := englishWords(tt.msg, nil); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("englishWords(%q) = %q, want %q", tt.msg, got, tt.want)
		}
	}
	if got := chineseWords("branchcheck: 城关小学 (城关镇) is already in the list; 已存在", seedWords); fmt.Sprint(got) != "[已存在]" {
		t.Errorf("chineseWords: %q", got)
	}
}
