package roster_test

import (
	"bytes"
	"testing"

	"branchcheck/roster"
)

func BenchmarkReadCSV(b *testing.B) {
	data := []byte(schoolsCSV(500))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if rows, err := roster.Read("schools.csv", bytes.NewReader(data)); err != nil || len(rows) != 500 {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
}

func BenchmarkReadCSVGB18030(b *testing.B) {
	data := gb18030(b, schoolsCSV(500))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if rows, err := roster.Read("schools.csv", bytes.NewReader(data)); err != nil || len(rows) != 500 {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
}

func BenchmarkReadXLSX(b *testing.B) {
	data := schoolsXLSX(b, 500)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if rows, err := roster.Read("schools.xlsx", bytes.NewReader(data)); err != nil || len(rows) != 500 {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
}
