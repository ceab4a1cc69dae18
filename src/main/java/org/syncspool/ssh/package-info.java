/**
 * OpenSSH connection sharing for ssh targets: syncspool runs a ControlMaster of its own (socket
 * under the state directory) unless the operator's ssh configuration already has one, so each
 * rsync run over ssh opens a session on a connection that is already logged in instead of a
 * new connection (docs/performance.md, "ssh connection reuse"). Options on ssh's command line
 * only; nothing in the operator's files is changed.
 */
package org.syncspool.ssh;
