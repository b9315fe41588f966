package main_test

import (
	"strings"
	"testing"
)

// TestRunnerIdentity runs the standalone command both ways, through go vet
// (-runner=vet) and with concvet's own runner (-runner=own), cold and then
// from its cache, over modules whose findings need a dependency's facts,
// test variants, suppression comments and a package that does not
// type-check: the JSON output, standard error and exit code must be the
// same, byte for byte.
func TestRunnerIdentity(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the standard library's export data")
	}
	files := map[string]string{
		"go.mod": "module example.com/withtests\n\ngo 1.24\n",
		"lib/lib.go": `package lib

import "sync"

// Start leaks its goroutine: nothing sends on ch.
func Start() {
	ch := make(chan int)
	go func() { <-ch }()
}

// Add is called on a goroutine that its caller waits for.
func Add(wg *sync.WaitGroup) { wg.Add(1) }
`,
		"lib/lib_test.go": `package lib

import (
	"sync"
	"testing"
)

func TestLeak(t *testing.T) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	var wg sync.WaitGroup
	go func() { Add(&wg); wg.Done() }()
	wg.Wait()
}
`,
		"lib/ext_test.go": `package lib_test

import (
	"sync"
	"testing"

	"example.com/withtests/lib"
)

func TestExternal(t *testing.T) {
	var wg sync.WaitGroup
	go func() { lib.Add(&wg); wg.Done() }()
	wg.Wait()
	lib.Start()
}
`,
	}
	withTests := module(t, files)
	// With a package that does not type-check, go vet fails and
	// -runner=vet analyzes in process: the broken package is reported
	// once, and the rest analyzed.
	files["other/other.go"] = "package other\n\nfunc f() { undefinedThing() }\n"
	broken := module(t, files)
	for _, c := range []struct {
		name, dir string
	}{
		{"facts", fixture(t, "facts")},
		{"e2e", fixture(t, "e2e")},
		{"suppressed", fixture(t, "suppressed")},
		{"withtests", withTests},
		{"broken", broken},
	} {
		t.Run(c.name, func(t *testing.T) {
			cache := []string{"XDG_CACHE_HOME=" + t.TempDir()}
			vet, vetErr, vetCode := runEnv(t, c.dir, cache, binary, "-json", "-runner=vet", "./...")
			if strings.TrimSpace(vet) == "" || strings.TrimSpace(vet) == "{}" {
				t.Fatalf("-runner=vet printed no findings (exit %d): %s%s", vetCode, vet, vetErr)
			}
			for _, run := range []string{"cold", "warm"} {
				own, ownErr, ownCode := runEnv(t, c.dir, cache, binary, "-json", "-runner=own", "./...")
				if own != vet || ownCode != vetCode || ownErr != vetErr {
					t.Errorf("%s: -runner=own differs from -runner=vet\n-runner=vet (exit %d):\n%s%s\n-runner=own (exit %d):\n%s%s",
						run, vetCode, vet, vetErr, ownCode, own, ownErr)
				}
			}
		})
	}
}
