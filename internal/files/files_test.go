package files_test

import (
	"testing"

	"github.com/concvet/concvet/internal/files"
)

func TestPlaces(t *testing.T) {
	for name, want := range map[string]bool{
		"/m/examples/server/main.go": true,
		"/m/_examples/x.go":          true,
		"/m/example/a.go":            true,
		"/m/pkg/exampleserver.go":    false,
		"/m/pkg/server.go":           false,
		"/m/conformance/srv/main.go": true,
		"/m/interop/client/main.go":  true,
		"/m/pkg/conformance.go":      false,
		"/m/scripts/gen/main.go":     true,
		"/m/hack/tools/main.go":      true,
		"/m/pkg/scripts.go":          false,
	} {
		if got := files.InExample(name); got != want {
			t.Errorf("InExample(%s) = %v, want %v", name, got, want)
		}
	}
	if !files.IsTestName("/m/a_test.go") || files.IsTestName("/m/a.go") {
		t.Error("IsTestName")
	}
}
