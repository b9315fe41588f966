// Command gendocs writes the documentation that is generated from the
// suite's metadata (analyzers.Suite) and each analyzer's Doc:
//
//   - the analyzer table of README.md,
//   - the metadata section at the top of each docs/NAME.md,
//   - the summary table of docs/precision.md.
//
// Each generated part sits between a begin and an end marker; the rest of
// each file is hand-written and left alone. `go generate ./...` runs it
// (see analyzers/suite.go); its test fails when a file is stale.
//
// Usage:
//
//	gendocs [-root dir] [-check]
//
// -check writes nothing and exits 1 listing the stale files.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

func main() {
	root := flag.String("root", ".", "the repository's root directory")
	check := flag.Bool("check", false, "report stale files instead of writing them")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "gendocs: no arguments expected (flags: -root, -check)")
		os.Exit(2)
	}
	files, err := Generate(*root)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gendocs: %v\n", err)
		os.Exit(1)
	}
	stale, err := Stale(*root, files)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gendocs: %v\n", err)
		os.Exit(1)
	}
	if *check {
		for _, name := range stale {
			fmt.Fprintf(os.Stderr, "gendocs: %s is stale; run go generate ./...\n", name)
		}
		if len(stale) > 0 {
			os.Exit(1)
		}
		return
	}
	for _, name := range stale {
		if err := os.WriteFile(filepath.Join(*root, name), files[name], 0o666); err != nil {
			fmt.Fprintf(os.Stderr, "gendocs: %v\n", err)
			os.Exit(1)
		}
	}
}

// Stale returns, sorted, the names of the generated files whose content on
// disk under root differs from files.
func Stale(root string, files map[string][]byte) ([]string, error) {
	var stale []string
	for name, content := range files {
		old, err := os.ReadFile(filepath.Join(root, name))
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		if !bytes.Equal(old, content) {
			stale = append(stale, name)
		}
	}
	sort.Strings(stale)
	return stale, nil
}
