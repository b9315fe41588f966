package files_test

import (
	"testing"

	"github.com/concvet/concvet/internal/files"
)

func TestPlaces(t *testing.T) {
	for _, c := range []struct {
		pkg, module string
		want        bool
	}{
		{"github.com/a/b/examples/server", "github.com/a/b", true},
		{"github.com/a/b/_examples/x", "github.com/a/b", true},
		{"github.com/a/b/example", "github.com/a/b", true},
		{"github.com/a/b/pkg/exampleserver", "github.com/a/b", false},
		{"github.com/a/b/pkg/server", "github.com/a/b", false},
		{"github.com/a/b/conformance/srv", "github.com/a/b", true},
		{"github.com/a/b/interop/client", "github.com/a/b", true},
		{"github.com/a/b/scripts/gen", "github.com/a/b", true},
		{"github.com/a/b/hack/tools", "github.com/a/b", true},
		{"github.com/a/b/pkg/scripts", "github.com/a/b", true},
		{"github.com/a/b/pkg/conformance_suite", "github.com/a/b", false},
		// The module's own path is not a directory of the module: a
		// repository named examples is not all examples.
		{"github.com/acme/examples/cmd/tool", "github.com/acme/examples", false},
		{"github.com/acme/examples", "github.com/acme/examples", false},
		// Without a module (GOPATH mode), the whole import path counts.
		{"e2e/examples/server", "", true},
		{"e2e/server", "", false},
	} {
		if got := files.InExample(c.pkg, c.module); got != c.want {
			t.Errorf("InExample(%q, %q) = %v, want %v", c.pkg, c.module, got, c.want)
		}
	}
	if !files.IsTestName("/m/a_test.go") || files.IsTestName("/m/a.go") {
		t.Error("IsTestName")
	}
}
