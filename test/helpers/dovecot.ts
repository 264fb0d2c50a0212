import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { freePort, temporaryDirectory } from './processes.ts';

export const dovecotBinary = '/usr/sbin/dovecot';

/**
 * A throwaway Dovecot 2.3 on a loopback port (plain-text passdb, Maildir under a temp dir), as
 * `.ci/run` installs it from Debian's dovecot-imapd. Returns its port and a stop function.
 */
export async function startDovecot({ user, password }: { user: string; password: string }) {
  const root = await temporaryDirectory('dovecot-');
  const port = await freePort();
  for (const folder of ['run', 'state', 'mail']) await mkdir(path.join(root, folder), { recursive: true });
  // Mail may not belong to root; nobody:nogroup owns it, the folders are open to it.
  await chmod(root, 0o777);
  await chmod(path.join(root, 'mail'), 0o777);
  await writeFile(path.join(root, 'users'), `${user}:{PLAIN}${password}\n`);
  const config = `
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = /dev/stderr
base_dir = ${root}/run
state_dir = ${root}/state
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${root}/users
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${root}/mail/%u
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`;
  await writeFile(path.join(root, 'dovecot.conf'), config);
  const child: ChildProcess = spawn(dovecotBinary, ['-F', '-c', path.join(root, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  while (Date.now() - started < 10_000) {
    const isOpen = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (isOpen) break;
    if (child.exitCode !== null) throw new Error(`dovecot exited: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
