// Package plugin registers concvet as a golangci-lint v2 module plugin.
//
// golangci-lint builds it into a custom binary (golangci-lint custom, with
// the repository's .custom-gcl.yml) and configures it from .golangci.yml:
//
//	linters:
//	  enable: [concvet]
//	  settings:
//	    custom:
//	      concvet:
//	        type: module
//	        settings:
//	          enable: [unboundedgo]   # add analyzers that are off by default
//	          disable: [ctxfield]     # turn off default ones
//	          options:                # analyzer options, as -NAME.OPTION on the command line
//	            goleak:
//	              main: true
//
// The settings block has the schema of concvet.yml (see package
// internal/config); unknown keys are an error at start-up.
//
// The analyzers run with //concvet:ignore suppressions honoured, like the
// concvet command; golangci-lint's own //nolint:concvet works too.
package plugin

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/internal/config"
)

func init() {
	register.Plugin("concvet", New)
}

type plugin struct {
	analyzers []*analysis.Analyzer
}

// New builds the plugin from its settings, in the schema of concvet.yml
// (package config): unknown keys, analyzers and options are errors, and
// option values may be YAML booleans, integers or strings.
func New(settings any) (register.LinterPlugin, error) {
	cfg, err := config.Decode(settings)
	if err != nil {
		return nil, fmt.Errorf("concvet: %v", err)
	}
	selected, err := cfg.Analyzers()
	if err != nil {
		return nil, fmt.Errorf("concvet: %v", err)
	}
	return &plugin{analyzers: selected}, nil
}

func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) { return p.analyzers, nil }

// GetLoadMode asks for type information: every concvet analyzer needs it.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
