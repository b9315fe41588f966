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
//	          options:                # analyzer flags, as on the command line
//	            goleak:
//	              main: "true"
//
// The analyzers run with //concvet:ignore suppressions honoured, like the
// concvet command; golangci-lint's own //nolint:concvet works too.
package plugin

import (
	"fmt"
	"sort"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/analyzers"
)

func init() {
	register.Plugin("concvet", New)
}

// Settings is the settings block of .golangci.yml. Unknown keys are an
// error at start-up (register.DecodeSettings decodes strictly).
type Settings struct {
	// Enable names analyzers to run besides the default ones.
	Enable []string `json:"enable"`
	// Disable names default analyzers not to run.
	Disable []string `json:"disable"`
	// Options sets analyzer flags: analyzer name → flag name → value.
	Options map[string]map[string]string `json:"options"`
}

type plugin struct {
	analyzers []*analysis.Analyzer
}

// New builds the plugin from its settings, refusing unknown analyzers and
// options.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, err
	}
	on := make(map[string]bool)
	for _, e := range analyzers.Suite {
		on[e.Analyzer.Name] = e.Default
	}
	for _, name := range s.Enable {
		if _, ok := analyzers.Lookup(name); !ok {
			return nil, fmt.Errorf("concvet: enable: unknown analyzer %q", name)
		}
		on[name] = true
	}
	for _, name := range s.Disable {
		if _, ok := analyzers.Lookup(name); !ok {
			return nil, fmt.Errorf("concvet: disable: unknown analyzer %q", name)
		}
		on[name] = false
	}
	names := make([]string, 0, len(s.Options))
	for name := range s.Options {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		e, ok := analyzers.Lookup(name)
		if !ok {
			return nil, fmt.Errorf("concvet: options: unknown analyzer %q", name)
		}
		for flag, value := range s.Options[name] {
			if e.Analyzer.Flags.Lookup(flag) == nil {
				return nil, fmt.Errorf("concvet: options: analyzer %s has no option %q", name, flag)
			}
			if err := e.Analyzer.Flags.Set(flag, value); err != nil {
				return nil, fmt.Errorf("concvet: options: %s.%s: %v", name, flag, err)
			}
		}
	}
	p := &plugin{}
	for _, e := range analyzers.Suite {
		if on[e.Analyzer.Name] {
			p.analyzers = append(p.analyzers, e.Runnable())
		}
	}
	if len(p.analyzers) == 0 {
		return nil, fmt.Errorf("concvet: every analyzer is disabled")
	}
	return p, nil
}

func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) { return p.analyzers, nil }

// GetLoadMode asks for type information: every concvet analyzer needs it.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
