package checklist_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"branchcheck/checklist"
)

// starsGiven are answers that score each star level under the example
// standard: 100, 80 (3.3 not met: 三 20 of 40), 70, 60.
var starsGiven = map[int]map[string]string{
	5: {},
	4: {"3.3": "不符合"},
	3: {"3.3": "不符合", "3.2": "不符合"},
	2: {"3.3": "不符合", "3.2": "不符合", "3.1": "不符合"},
}

// exampleYear rates one school per star level given (ids s0, s1, …, all
// in one township; 0: not rated) under the example standard in 2027.
func exampleYear(t *testing.T, std *checklist.Standard, stars ...int) *checklist.YearRating {
	t.Helper()
	return yearOf(t, std, 2027, stars...)
}

// yearOf is exampleYear for any year.
func yearOf(t *testing.T, std *checklist.Standard, year int, stars ...int) *checklist.YearRating {
	t.Helper()
	var schools []checklist.School
	var visits []*checklist.Inspection
	for i, n := range stars {
		id := fmt.Sprintf("s%d", i)
		schools = append(schools, checklist.School{ID: id, Name: fmt.Sprintf("第%d小学", i), Township: "城关镇"})
		if n == 0 {
			continue // not rated
		}
		visits = append(visits, visit(fmt.Sprintf("v%s-%d", id, year), id, std, fmt.Sprintf("%d-05-01", year), checklist.Finalized, entries(t, std, starsGiven[n])))
	}
	yr, err := checklist.RateYear(year, schools, visits, map[string]*checklist.Standard{std.ID: std})
	if err != nil {
		t.Fatal(err)
	}
	return yr
}

func record(t *testing.T, std *checklist.Standard, situation, school string, year int) checklist.VetoRecord {
	t.Helper()
	r, err := checklist.NewVetoRecord(std, situation, school, year, "县纪委处分决定（示例）", "局党委办公室 张", t0)
	if err != nil {
		t.Fatal(err)
	}
	return *r
}

func TestNewVetoRecord(t *testing.T) {
	std := example(t)
	r := record(t, std, "discipline", "s1", 2027)
	if r.ID != "s1/2027/discipline" || r.StandardID != std.ID || !r.Active() || r.RecordedBy != "局党委办公室 张" {
		t.Errorf("record %+v", r)
	}
	tests := []struct {
		name, situation, school string
		year                    int
		reason, by              string
		kind                    error
		zh                      string
	}{
		{"UnknownSituation", "theft", "s1", 2027, "事由", "张", checklist.ErrNotFound, "标准 example-county-2027 没有一票否决情形 theft"},
		{"NoReason", "weak", "s1", 2027, "  ", "张", checklist.ErrReasonRequired, "记录一票否决情形“被确定为软弱涣散基层党组织的”需要写明事由"},
		{"NoOne", "weak", "s1", 2027, "事由", "", checklist.ErrInvalid, "请写明记录人"},
		{"NoSchool", "weak", "", 2027, "事由", "张", checklist.ErrInvalid, "学校"},
		{"OtherYear", "weak", "s1", 2026, "事由", "张", checklist.ErrInvalid, "标准 example-county-2027 是 2027 年度的"},
		{"ControlInReason", "weak", "s1", 2027, "事由\x1b[31m", "张", checklist.ErrInvalid, "控制字符"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := checklist.NewVetoRecord(std, tt.situation, tt.school, tt.year, tt.reason, tt.by, t0)
			if !errors.Is(err, tt.kind) || !strings.Contains(chinese(err), tt.zh) {
				t.Errorf("err %v (%s), want %v saying %q", err, chinese(err), tt.kind, tt.zh)
			}
		})
	}
	if err := r.Lift(" ", "张", t0); !errors.Is(err, checklist.ErrReasonRequired) {
		t.Errorf("lifted without a reason: %v", err)
	}
	if err := r.Lift("复核撤销处分", "张", t0); err != nil || r.Active() || r.LiftReason != "复核撤销处分" {
		t.Errorf("lift: %v, %+v", err, r)
	}
	if err := r.Lift("又一次", "张", t0); !errors.Is(err, checklist.ErrInvalid) {
		t.Errorf("lifted twice: %v", err)
	}
}

func TestApplyVetoes(t *testing.T) {
	std := example(t)
	stds := map[string]*checklist.Standard{std.ID: std}
	full := checklist.ScoreAnswers(std, entries(t, std, nil)) // 100, five stars
	four := checklist.ScoreAnswers(std, entries(t, std, starsGiven[4]))
	lifted := record(t, std, "weak", "s", 2027)
	lifted.Lift("误记", "张", t0)
	tests := []struct {
		name         string
		score        checklist.Score
		situations   []string
		lifted       bool
		stars        int
		lagging      bool
		disqualified bool
	}{
		{"None", full, nil, false, 5, false, false},
		{"CapAtTwo", full, []string{"discipline"}, false, 2, true, false},
		{"CapAtThree", four, []string{"archives"}, false, 3, true, false},
		{"TheLowerCapWins", full, []string{"archives", "discipline"}, false, 2, true, false},
		{"CapAboveTheStarsChangesNothing", checklist.ScoreAnswers(std, entries(t, std, starsGiven[2])), []string{"archives"}, false, 2, true, false},
		{"Disqualify", full, []string{"weak"}, false, 0, true, true},
		{"DisqualifyWithCap", full, []string{"discipline", "weak"}, false, 0, true, true},
		{"LiftedIsLeftOut", full, nil, true, 5, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rs []checklist.VetoRecord
			for _, s := range tt.situations {
				rs = append(rs, record(t, std, s, "s", 2027))
			}
			if tt.lifted {
				rs = append(rs, lifted)
			}
			got, err := checklist.ApplyVetoes(tt.score, std.Stars, rs, stds)
			if err != nil {
				t.Fatal(err)
			}
			if got.Stars != tt.stars || got.Lagging != tt.lagging || got.Disqualified != tt.disqualified {
				t.Errorf("stars %d lagging %v disqualified %v, want %d %v %v", got.Stars, got.Lagging, got.Disqualified, tt.stars, tt.lagging, tt.disqualified)
			}
			if got.Total != tt.score.Total {
				t.Errorf("total %v changed from %v: a veto changes stars, not points", got.Total, tt.score.Total)
			}
			if strings.Join(got.Situations, ",") != strings.Join(tt.situations, ",") {
				t.Errorf("situations %v, want %v", got.Situations, tt.situations)
			}
		})
	}
	if _, err := checklist.ApplyVetoes(full, std.Stars, []checklist.VetoRecord{record(t, std, "weak", "s", 2027)}, nil); !errors.Is(err, checklist.ErrNotFound) {
		t.Errorf("a record of an unknown standard: %v", err)
	}
}

func TestYearRatingApplyVetoes(t *testing.T) {
	std := example(t)
	yr := exampleYear(t, std, 5, 4, 0)
	records := []checklist.VetoRecord{
		record(t, std, "discipline", "s0", 2027), // five stars capped at two
		record(t, std, "weak", "s2", 2027),       // not rated: stays not rated
		record(t, std, "weak", "s1", 2027),
	}
	records[2].Year = 2026 // another year's: ignored
	if err := yr.ApplyVetoes(records, map[string]*checklist.Standard{std.ID: std}); err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, r := range yr.Ratings {
		order = append(order, fmt.Sprintf("%s:%d:%d", r.School.ID, r.Score.Stars, len(r.Vetoes)))
	}
	// s1 (4 stars) now comes before s0 (capped at 2); s2 not rated last.
	if got := strings.Join(order, " "); got != "s1:4:0 s0:2:1 s2:0:1" {
		t.Errorf("ratings %s", got)
	}
	if yr.Ratings[2].Rated() {
		t.Error("a veto rated a school with no visit")
	}
	if _, _, lagging := yr.Counts(); lagging != 1 {
		t.Errorf("%d lagging, want 1 (s0)", lagging)
	}
}

func TestCheckQuotas(t *testing.T) {
	std := example(t)
	// Ten rated: four at 5 stars (40% > 30%: at most 3), four at 4 (eight
	// at 4 and above: 80% > 70%: at most 7), two at 2; one not rated.
	yr := exampleYear(t, std, 5, 5, 5, 5, 4, 4, 4, 4, 2, 2, 0)
	ws := yr.CheckQuotas()
	if len(ws) != 2 {
		t.Fatalf("warnings %+v, want 2", ws)
	}
	if w := ws[0]; w.Count != 4 || w.Rated != 10 || w.Allowed != 3 || w.Quota.Stars != 5 || w.StandardID != std.ID {
		t.Errorf("first warning %+v", w)
	}
	if w := ws[1]; w.Count != 8 || w.Allowed != 7 || !w.Quota.AndAbove {
		t.Errorf("second warning %+v", w)
	}
	for i, want := range []string{
		"5星级 4 所，占已评定 10 所的 40%，超过标准规定的 30%（最多 3 所）",
		"4星级及以上 8 所，占已评定 10 所的 80%，超过标准规定的 70%（最多 7 所）",
	} {
		if got := chinese(ws[i].Message()); got != want {
			t.Errorf("warning %d in Chinese\n got %s\nwant %s", i, got, want)
		}
	}
	if got := ws[0].Message().Error(); got != "5 stars: 4 of 10 rated schools (40%), more than the standard's 30% (at most 3)" {
		t.Errorf("in English: %s", got)
	}
	// Never applied: the stars are as scored.
	if n := yr.StarCounts()[5]; n != 4 {
		t.Errorf("%d at five stars after the check, want 4", n)
	}
	// Within the quotas (3 of 10 at five stars; 7 at four and above):
	// no warning. Nor for a standard without quotas.
	if ws := exampleYear(t, std, 5, 5, 5, 4, 4, 4, 4, 2, 2, 2).CheckQuotas(); len(ws) != 0 {
		t.Errorf("warnings within the quotas: %+v", ws)
	}
	def := checklist.DefaultStandard()
	yr, _ = checklist.RateYear(2027, []checklist.School{{ID: "a", Name: "甲"}},
		[]*checklist.Inspection{visit("v", "a", def, "2027-05-01", checklist.Finalized, answersAll(def, checklist.Met))},
		map[string]*checklist.Standard{def.ID: def})
	if ws := yr.CheckQuotas(); ws != nil {
		t.Errorf("the shipped standard has no quotas, yet %+v", ws)
	}
}

func TestQuotaAllowed(t *testing.T) {
	q := checklist.Quota{Stars: 5, AtMostPercent: 30}
	for rated, want := range map[int]int{0: 0, 3: 0, 4: 1, 10: 3, 41: 12, 100: 30} {
		if got := q.Allowed(rated); got != want {
			t.Errorf("30%% of %d allows %d, want %d", rated, got, want)
		}
	}
}
