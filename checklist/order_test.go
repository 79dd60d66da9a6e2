package checklist

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSchoolOrderKeysSortAsSortSchools: schools sorted by their keys come
// in the order SortSchools gives, for names and townships that share
// prefixes, differ only in their text behind equal pinyin, mix Latin
// letters and digits, hold a NUL, or are empty.
func TestSchoolOrderKeysSortAsSortSchools(t *testing.T) {
	towns := []string{"", "城关镇", "城关", "城关镇\x00", "长安乡", "长安乡二", "朝阳", "潮阳", "A乡", "a乡", "乡\x00\x01", "乡\x00"}
	names := []string{"", "第一小学", "第一小", "第一中学", "实验小学", "试验小学", "县一中", "县1中", "Yi中", "第一小学\x00", "第一小学\x00\xff", "童心幼儿园"}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 50 {
		var schools []School
		for i := range 60 {
			schools = append(schools, School{
				ID:       fmt.Sprintf("%02d-%d", rng.IntN(40), i%3),
				Name:     names[rng.IntN(len(names))],
				Township: towns[rng.IntN(len(towns))],
			})
		}
		want := slices.Clone(schools)
		SortSchools(want)
		order := NewSchoolOrder()
		got := slices.Clone(schools)
		slices.SortStableFunc(got, func(a, b School) int { return bytes.Compare(order.Key(&a), order.Key(&b)) })
		for i := range want {
			if got[i].ID != want[i].ID || got[i].Name != want[i].Name || got[i].Township != want[i].Township {
				t.Fatalf("round %d, place %d: keys give %q/%q/%s, SortSchools %q/%q/%s", round, i,
					got[i].Township, got[i].Name, got[i].ID, want[i].Township, want[i].Name, want[i].ID)
			}
		}
	}
}

func TestSchoolOrderKeyIgnoresOtherFields(t *testing.T) {
	o := NewSchoolOrder()
	a := School{ID: "1", Name: "第一小学", Township: "城关镇"}
	b := a
	b.Kind, b.Secretary, b.Contact, b.Archived = "小学", "王", "123", Date{Year: 2026, Month: 1, Day: 1}
	if !bytes.Equal(o.Key(&a), o.Key(&b)) {
		t.Fatal("the key changed with fields that do not order schools")
	}
	if c := (School{ID: "2", Name: a.Name, Township: a.Township}); bytes.Equal(o.Key(&a), o.Key(&c)) {
		t.Fatal("two schools' keys are equal")
	}
}
