package roster_test

import (
	"bytes"
	"testing"

	"branchcheck/roster"
)

func BenchmarkReadCSV(b *testing.B) { benchmarkRead(b, "schools.csv", []byte(schoolsCSV(500))) }

func BenchmarkReadCSVGB18030(b *testing.B) {
	benchmarkRead(b, "schools.csv", gb18030(b, schoolsCSV(500)))
}

func BenchmarkReadXLSX(b *testing.B) { benchmarkRead(b, "schools.xlsx", schoolsXLSX(b, 500)) }

// benchmarkRead reads a list of 500 schools.
func benchmarkRead(b *testing.B, file string, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if rows, err := roster.Read(file, bytes.NewReader(data)); err != nil || len(rows) != 500 {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
}
