package iodeadline_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/iodeadline"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), iodeadline.Analyzer, "client", "server", "conn")
}
