package roster_test

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"branchcheck/checklist"
	"branchcheck/roster"
)

// TestColumns: a list says which of its columns were read, into which
// field, and which were not recognised, in the file's order, whether
// CSV or XLSX; a header such as 校名,镇,书记 reads 校名 and 书记 and names
// 镇 as not recognised (its 乡镇 would otherwise go blank unsaid).
func TestColumns(t *testing.T) {
	csv := "校名,镇,书记,序号\n城关镇第一小学,城关镇,王芳,1\n"
	xlsx := workbook(t, sheet{name: "名单", rows: [][]any{{"校名", "镇", "书记", "序号"}, {"城关镇第一小学", "城关镇", "王芳", 1}}})
	for _, tt := range []struct {
		name string
		data []byte
	}{{"schools.csv", []byte(csv)}, {"schools.xlsx", xlsx}} {
		t.Run(tt.name, func(t *testing.T) {
			l, err := roster.ReadList(tt.name, bytes.NewReader(tt.data), roster.Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := []roster.Column{{Header: "校名", Field: checklist.TextSchoolName}, {Header: "书记", Field: checklist.TextSecretary}}
			if !reflect.DeepEqual(l.Columns, want) {
				t.Errorf("columns %v, want %v", l.Columns, want)
			}
			if !reflect.DeepEqual(l.Ignored, []string{"镇", "序号"}) {
				t.Errorf("ignored %q", l.Ignored)
			}
			if got := l.Rows[0].School; got.Township != "" || got.Secretary != "王芳" {
				t.Errorf("school %+v", got)
			}
		})
	}
}

// TestNoNameColumnRefused: a list with no school name column is refused
// whole, and the error names the columns it has, none of them
// recognised as the name.
func TestNoNameColumnRefused(t *testing.T) {
	_, err := roster.ReadList("schools.csv", strings.NewReader("单位,镇,书记\n城关镇第一小学,城关镇,王芳\n"), roster.Options{})
	if err == nil || !errors.Is(err, checklist.ErrInvalid) {
		t.Fatalf("err %v, want invalid", err)
	}
	for _, col := range []string{"单位", "镇", "书记"} {
		if !strings.Contains(err.Error(), col) {
			t.Errorf("%q does not name the column %s", err, col)
		}
	}
}
