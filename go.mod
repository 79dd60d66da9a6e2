module branchcheck

go 1.26.7

require (
	github.com/goccy/go-yaml v1.19.2
	golang.org/x/text v0.44.0
)
