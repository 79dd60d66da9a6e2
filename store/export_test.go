package store

import (
	"fmt"
	"math/rand/v2"
	"time"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// FillForBench writes perSchool fully answered, finalized inspections in
// the year for each school in one transaction: a big database quickly.
func FillForBench(s *Store, schools []checklist.School, perSchool, year int) error {
	std := checklist.DefaultStandard()
	verdicts := checklist.Verdicts
	return s.db.Update(func(tx *bolt.Tx) error {
		if err := saveStandard(tx, std); err != nil {
			return err
		}
		for i, sc := range schools {
			for v := range perSchool {
				at := time.Date(year, time.Month(1+v*3), 1+i%28, 9, 0, 0, 0, time.UTC)
				in, err := checklist.NewInspection(newID(), sc.ID, std, "李督查", checklist.DateOf(at), at)
				if err != nil {
					return err
				}
				for k, it := range std.ScoredItems() {
					in.Answers[it.ID] = checklist.Answer{Verdict: verdicts[(i+v+k)%len(verdicts)], Note: fmt.Sprintf("第%d项检查记录", k), By: "李督查", At: at}
				}
				in.Status, in.FinalizedAt = checklist.Finalized, at
				in.Touch(s.id, at)
				if err := putInspection(tx, in); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// StoredValue returns the bytes an inspection is stored as.
func StoredValue(s *Store, id string) []byte {
	var v []byte
	s.db.View(func(tx *bolt.Tx) error {
		v = append([]byte(nil), tx.Bucket(bucketInspections).Get([]byte(id))...)
		return nil
	})
	return v
}

// BenchData describes a database to generate for the benchmarks: Schools
// in Townships, each visited VisitsPerYear times a year over Years years
// ending in LastYear.
type BenchData struct {
	Schools, Townships             int
	Years, VisitsPerYear, LastYear int
}

// benchNotes are what inspectors write, long and short.
var benchNotes = []string{
	"书记按时参加县局组织的专题培训,学习笔记完整",
	"党员活动室门牌已更换,入党誓词上墙",
	"缺少2026年第二季度组织生活会记录,已当场指出",
	"台账齐全但未按月装订,要求月底前整理",
	"宣传栏内容未及时更新,最近一期为三个月前",
	"已落实",
	"发展党员工作流程图未张贴,现场整改",
	"电教设备可以正常使用,远程教育收看记录齐全",
	"校园党建文化长廊建成,内容贴近学校实际",
	"三会一课记录不全,缺少党小组会记录两次",
	"党费收缴台账清楚,按月公示",
	"与上次检查相比有明显改进",
}

// GenerateForBench fills an empty database quickly, writing through the
// store's own functions (putSchool, putInspectionOnly: indexes and
// summaries included) in transactions of a few thousand values, then
// derives each school's rectifications once. Every visit is
// realistic: all 42 scored items answered, each with a note, mostly met.
// In the last year about one school in twenty has its latest visit still
// a draft and one in thirty has no visit at all.
func GenerateForBench(s *Store, d BenchData) error {
	std := checklist.DefaultStandard()
	items := std.ScoredItems()
	rng := rand.New(rand.NewPCG(uint64(d.Schools), uint64(d.Years)))
	schools := make([]checklist.School, d.Schools)
	created := time.Date(d.LastYear-d.Years, 12, 1, 9, 0, 0, 0, time.UTC)
	for i := range schools {
		town := fmt.Sprintf("第%d乡镇", i%d.Townships)
		schools[i] = checklist.School{
			ID: newID(), Name: fmt.Sprintf("%s第%d中心小学", town, i), Township: town, Kind: "小学",
			Secretary: fmt.Sprintf("张%d", i), Contact: fmt.Sprintf("138%08d", i), CreatedAt: created, UpdatedAt: created,
		}
	}
	const batch = 2000
	for start := 0; start < len(schools); start += batch {
		err := s.db.Update(func(tx *bolt.Tx) error {
			for i := start; i < min(start+batch, len(schools)); i++ {
				if err := putSchool(tx.Bucket(bucketSchools), &schools[i]); err != nil {
					return err
				}
			}
			return saveStandard(tx, std)
		})
		if err != nil {
			return err
		}
	}
	type job struct {
		school    int
		year, nth int
	}
	var jobs []job
	for y := d.LastYear - d.Years + 1; y <= d.LastYear; y++ {
		for v := range d.VisitsPerYear {
			for i := range schools {
				jobs = append(jobs, job{i, y, v})
			}
		}
	}
	for start := 0; start < len(jobs); start += batch {
		err := s.db.Update(func(tx *bolt.Tx) error {
			for _, j := range jobs[start:min(start+batch, len(jobs))] {
				last := j.year == d.LastYear
				if last && j.school%30 == 29 {
					continue // not visited this year
				}
				draft := last && j.nth == d.VisitsPerYear-1 && j.school%20 == 7
				month := 1 + j.nth*12/d.VisitsPerYear + rng.IntN(max(12/d.VisitsPerYear, 1))
				at := time.Date(j.year, time.Month(month), 1+rng.IntN(28), 9+rng.IntN(8), rng.IntN(60), 0, 0, time.UTC)
				in, err := checklist.NewInspection(newID(), schools[j.school].ID, std, fmt.Sprintf("督查员%d", rng.IntN(6)), checklist.DateOf(at), at)
				if err != nil {
					return err
				}
				for k, it := range items {
					if draft && k > 20 {
						break
					}
					v := checklist.Met
					switch r := rng.IntN(100); {
					case r < 12:
						v = checklist.PartlyMet
					case r < 20:
						v = checklist.NotMet
					case r < 24:
						v = checklist.NotApplicable
					}
					at := at.Add(time.Duration(k) * time.Minute)
					in.Answers[it.ID] = checklist.Answer{Verdict: v, Note: benchNotes[rng.IntN(len(benchNotes))], By: in.Inspector, At: at}
				}
				if !draft {
					in.Status, in.FinalizedAt = checklist.Finalized, at.Add(2*time.Hour)
				}
				in.Touch(s.id, at.Add(2*time.Hour))
				if err := putInspectionOnly(tx, in); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for start := 0; start < len(schools); start += batch / 4 {
		err := s.db.Update(func(tx *bolt.Tx) error {
			for _, sc := range schools[start:min(start+batch/4, len(schools))] {
				if err := rederive(tx, sc.ID, s.cached()); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// CheckOpenForBench runs the check Open makes before opening a file: the
// full consistency check, or the quick one.
func CheckOpenForBench(path string, full bool) error {
	depth := checkQuick
	if full {
		depth = checkFull
	}
	_, err := verify(path, depth, "", FullCheckUpTo)
	return err
}

// CheckValuesForBench decodes every value of the database at path, as the
// first open of a day that may write does (checkValues).
func CheckValuesForBench(path string) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	return db.View(func(tx *bolt.Tx) error { return checkValues(tx, path) })
}

// SchoolsOverviewBothWays reads a year's schools list twice: from the
// school list, as SchoolsOverview does, and from the schools and their
// summaries, sorted (the way taken when the list cannot be read). Each
// comes with the veto records applied; the archived are kept.
func SchoolsOverviewBothWays(s *Store, year int) (fromList, fromSummaries []checklist.SchoolOverview, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		stds, err := s.allStandards(tx)
		if err != nil {
			return err
		}
		vetoes, err := activeVetoes(tx, year)
		if err != nil {
			return err
		}
		var a, b checklist.SchoolsOverview
		if err := schoolsFromList(tx, year, stds, &a); err != nil {
			return err
		}
		if err := schoolsFromSummaries(tx, year, stds, &b); err != nil {
			return err
		}
		checklist.SortSchoolOverviews(b.Schools)
		for _, ov := range []*checklist.SchoolsOverview{&a, &b} {
			for i := range ov.Schools {
				if err := applyVetoes(&ov.Schools[i], vetoes[ov.Schools[i].School.ID], stds); err != nil {
					return err
				}
			}
		}
		fromList, fromSummaries = a.Schools, b.Schools
		return nil
	})
	return fromList, fromSummaries, err
}

// ReadTransactions counts the read transactions the store has started.
func ReadTransactions(s *Store) int { return s.db.Stats().TxN }
