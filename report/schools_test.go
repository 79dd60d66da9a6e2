package report_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/report"
)

func TestWriteSchools(t *testing.T) {
	schools := []checklist.School{
		{ID: "id-1", Name: "城关镇第一小学", Township: "城关镇", Kind: "小学", Secretary: "张红", Contact: "0391-1234567"},
		{ID: "id-2", Name: "=HYPERLINK(\"x\")", Township: "东河乡"},
	}
	m := report.Meta{Lang: i18n.Chinese}
	var tbl bytes.Buffer
	if err := report.WriteSchools(&tbl, report.Table, schools, m); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(tbl.String(), "\n")
	if lines[0] != "学校名单（2所）" || !strings.Contains(tbl.String(), "   1  城关镇第一小学   城关镇  小学  张红        0391-1234567  id-1") {
		t.Errorf("table:\n%s", tbl.String())
	}
	var c bytes.Buffer
	if err := report.WriteSchools(&c, report.CSV, schools, m); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(c.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != "序号,学校名称,乡镇,类型,党组织书记,联系电话,编号" || recs[2][1] != `'=HYPERLINK("x")` || len(recs) != 3 {
		t.Errorf("csv %q", recs)
	}
	if err := report.WriteSchools(&c, report.XLSX, schools, m); err == nil {
		t.Error("xlsx accepted")
	}
	var j bytes.Buffer
	report.WriteSchools(&j, report.JSON, nil, m)
	if strings.TrimSpace(j.String()) != "[]" {
		t.Errorf("json of no schools: %q", j.String())
	}
}
