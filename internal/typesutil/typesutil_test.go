package typesutil_test

import (
	"testing"

	"github.com/concvet/concvet/internal/testutil"
	"github.com/concvet/concvet/internal/typesutil"
)

func TestImports(t *testing.T) {
	_, _, pkg, _ := testutil.Check(t, "package p\n\nimport \"sync\"\n\nvar _ sync.Mutex\n")
	if !typesutil.Imports(pkg, "sync") || typesutil.Imports(pkg, "time") {
		t.Errorf("Imports: sync %v, time %v", typesutil.Imports(pkg, "sync"), typesutil.Imports(pkg, "time"))
	}
}
