module branchcheck

go 1.26.7

require (
	github.com/goccy/go-yaml v1.19.2
	golang.org/x/text v0.44.0
)

require (
	github.com/adrg/xdg v0.5.3
	github.com/alecthomas/kong v1.17.0
	github.com/fxamacker/cbor/v2 v2.10.0
	github.com/google/uuid v1.6.0
	go.etcd.io/bbolt v1.5.0
)

require github.com/x448/float16 v0.8.4 // indirect

require (
	github.com/rogpeppe/go-internal v1.16.0
	golang.org/x/sys v0.49.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)
