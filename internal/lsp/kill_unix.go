//go:build unix

package lsp

import (
	"os/exec"
	"syscall"
)

// killGroup makes cancelling cmd kill go vet and the vet tools it started.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
