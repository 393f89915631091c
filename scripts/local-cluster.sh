#!/usr/bin/env bash
# A real single-node SLURM (Debian 12: 22.05) with 4 fake H100 GPUs behind a real OpenSSH server on
# 127.0.0.1:2222, for Evalstation's integration tests and for trying the app without a cluster.
# Runs as root, without systemd: every daemon runs in the foreground, detached with setsid, and its
# PID is kept under $BASE/run so that `down` stops exactly what `up` started.
#
#   scripts/local-cluster.sh up            install (apt), configure, start; idempotent
#   scripts/local-cluster.sh down          cancel all jobs, stop the daemons (packages stay)
#   scripts/local-cluster.sh status        which daemons run, sinfo
#   scripts/local-cluster.sh env           shell assignments tests read (also in $BASE/cluster.env)
#   scripts/local-cluster.sh restart-sshd  kill sshd and its connections, start it again (tests)
#
# The node has no GPU: `up` installs clearly named TEST STAND-INS, /usr/local/bin/evalstation-fake-lm-eval
# (writes lm-evaluation-harness 0.4.x output) and $FAKE_BIN/nvidia-smi, which the job template puts on
# PATH only when the cluster profile asks for it (fakeGpuTools=true).
set -euo pipefail
BASE=${EVALSTATION_CLUSTER_BASE:-/tmp/evalstation-cluster}
CL=evalcluster PART=h100 GT=h100 GN=4 CPUS=64 MEM=512000 PORT=2222 U=researcher DBPW=slurmdb-local
RUN=$BASE/run LOG=$BASE/log ST=$BASE/state K=$BASE/ssh
FAKE_BIN=/opt/evalstation-test-standins/bin
TEST_PASSPHRASE=evalstation-test-passphrase
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

fail() { echo "local-cluster: $*" >&2; tail -n 20 "$LOG"/*.log "$LOG"/*.out >&2 2>/dev/null || true; exit 1; }
# PID 1 on this machine reaps orphans lazily: a zombie counts as dead.
is_running() { local s; s=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null) && [[ ${s:0:1} != Z ]]; }
is_up() { [[ -s $RUN/$1.pid ]] && is_running "$(cat "$RUN/$1.pid")"; }
launch() {
  local name=$1; shift
  is_up "$name" && return 0
  setsid "$@" >>"$LOG/$name.out" 2>&1 </dev/null &
  echo $! >"$RUN/$name.pid"
  echo "started $name (pid $!)"
}
halt() {
  is_up "$1" || { rm -f "$RUN/$1.pid"; return 0; }
  local p; p=$(cat "$RUN/$1.pid")
  local kids; kids=$(pgrep -P "$p" || true)
  kill "$p" $kids 2>/dev/null || true
  for _ in $(seq 100); do is_running "$p" || break; sleep 0.1; done
  is_running "$p" && kill -9 "$p"
  rm -f "$RUN/$1.pid"
  echo "stopped $1"
}
await() { # await SECONDS WHAT CMD...
  local secs=$1 what=$2; shift 2
  for _ in $(seq $((secs * 4))); do "$@" &>/dev/null && return 0; sleep 0.25; done
  fail "$what did not become ready in ${secs}s"
}

install_packages() {
  local want=(slurmctld slurmd slurm-client munge openssh-server slurmdbd mariadb-server python3) missing=()
  for p in "${want[@]}"; do
    dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  # policy-rc.d exit 101 keeps the packages' postinst scripts from starting daemons through init.d
  local own_policy=0
  [[ -e /usr/sbin/policy-rc.d ]] || { printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; own_policy=1; }
  echo "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  ((own_policy)) && rm -f /usr/sbin/policy-rc.d
  return 0
}

write_env() {
  cat >"$BASE/cluster.env" <<EOF
# Written by scripts/local-cluster.sh; read by Evalstation's cluster tests.
CLUSTER_HOST=127.0.0.1
CLUSTER_PORT=$PORT
CLUSTER_USER=$U
CLUSTER_IDENTITY_FILE=$K/id_ed25519
CLUSTER_IDENTITY_FILE_WITH_PASSPHRASE=$K/id_ed25519_pass
CLUSTER_TEST_PASSPHRASE=$TEST_PASSPHRASE
CLUSTER_KNOWN_HOSTS=$K/known_hosts
CLUSTER_HOST_KEY_ED25519=$K/host_ed25519.pub
CLUSTER_HOST_KEY_RSA=$K/host_rsa.pub
CLUSTER_PARTITION=$PART
CLUSTER_ACCOUNT=research
CLUSTER_GPU_TYPE=$GT
CLUSTER_GPUS=$GN
CLUSTER_FAKE_BIN=$FAKE_BIN
CLUSTER_FAKE_HARNESS=/usr/local/bin/evalstation-fake-lm-eval
CLUSTER_REMOTE_HOME=$(getent passwd "$U" | cut -d: -f6)
EOF
  chmod 644 "$BASE/cluster.env"
}

install_standins() {
  install -d -m 755 "$FAKE_BIN"
  install -m 755 "$HERE/cluster/evalstation-fake-lm-eval" /usr/local/bin/evalstation-fake-lm-eval
  install -m 755 "$HERE/cluster/fake-nvidia-smi" "$FAKE_BIN/nvidia-smi"
}

up() {
  install_packages
  mkdir -p "$RUN" "$LOG" "$ST"/{slurmctld,slurmd,gpu} "$K" /etc/slurm /run/sshd
  chmod 755 "$BASE" "$LOG" "$K"
  install -d -o munge -g munge -m 755 /run/munge
  [[ -s /etc/munge/munge.key ]] || { dd if=/dev/urandom of=/etc/munge/munge.key bs=1k count=1 status=none
    chown munge: /etc/munge/munge.key; chmod 400 /etc/munge/munge.key; }
  id "$U" &>/dev/null || useradd -m -s /bin/bash "$U"
  usermod -p '*' "$U" # useradd leaves "!" (locked) and sshd without PAM refuses even key logins
  for t in ed25519 rsa; do [[ -f $K/host_$t ]] || ssh-keygen -q -t $t -N '' -C "evalstation-local-host" -f "$K/host_$t"; done
  [[ -f $K/id_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C "evalstation-local-client" -f "$K/id_ed25519"
  # a second client key protected by a (test-only, published) passphrase, for the passphrase prompt test
  [[ -f $K/id_ed25519_pass ]] || ssh-keygen -q -t ed25519 -N "$TEST_PASSPHRASE" -C "evalstation-local-client-passphrase" -f "$K/id_ed25519_pass"
  chmod 644 "$K"/id_*.pub
  local home; home=$(getent passwd "$U" | cut -d: -f6)
  install -d -m 700 -o "$U" -g "$U" "$home/.ssh"
  cat "$K/id_ed25519.pub" "$K/id_ed25519_pass.pub" >"$K/authorized_keys"
  install -m 600 -o "$U" -g "$U" "$K/authorized_keys" "$home/.ssh/authorized_keys"
  { for t in ed25519 rsa; do echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$K/host_$t.pub")"; done; } >"$K/known_hosts"
  # slurmd drops a GPU GRES without File= and refuses plain files: symlinks to a character device
  for ((i = 0; i < GN; i++)); do ln -sfn /dev/null "$ST/gpu/nvidia$i"; done
  install_standins

  local before; before=$({ cat /etc/slurm/slurm.conf /etc/slurm/gres.conf "$K/sshd_config" 2>/dev/null || true; } | md5sum)
  cat >/etc/slurm/slurm.conf <<EOF
ClusterName=$CL
SlurmctldHost=localhost
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$ST/slurmctld
SlurmdSpoolDir=$ST/slurmd
SlurmctldPidFile=$RUN/slurmctld.daemon.pid
SlurmdPidFile=$RUN/slurmd.daemon.pid
SlurmctldLogFile=$LOG/slurmctld.log
SlurmdLogFile=$LOG/slurmd.log
MailProg=/bin/true
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
# The node claims 64 CPUs and 500 GB so that real presets fit (nothing is enforced: task/none).
SlurmdParameters=config_overrides
ReturnToService=2
KillWait=5
OverTimeLimit=0
MinJobAge=600
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
AccountingStorageTRES=gres/gpu,gres/gpu:$GT
JobAcctGatherType=jobacct_gather/linux
GresTypes=gpu
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM Gres=gpu:$GT:$GN
PartitionName=$PART Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
  cat >/etc/slurm/gres.conf <<EOF
AutoDetect=off
NodeName=localhost Name=gpu Type=$GT File=$ST/gpu/nvidia[0-$((GN - 1))]
EOF
  cat >/etc/slurm/slurmdbd.conf <<EOF
AuthType=auth/munge
DbdHost=localhost
SlurmUser=root
PidFile=$RUN/slurmdbd.daemon.pid
LogFile=$LOG/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=localhost
StorageUser=slurm
StoragePass=$DBPW
StorageLoc=slurm_acct_db
EOF
  chmod 600 /etc/slurm/slurmdbd.conf
  cat >"$K/sshd_config" <<EOF
Port $PORT
ListenAddress 127.0.0.1
HostKey $K/host_ed25519
HostKey $K/host_rsa
PidFile $RUN/sshd.daemon.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
AllowUsers $U
UsePAM no
MaxSessions 50
MaxStartups 50:30:100
Subsystem sftp internal-sftp
EOF
  local after; after=$(cat /etc/slurm/slurm.conf /etc/slurm/gres.conf "$K/sshd_config" | md5sum)
  [[ $before != "$after" ]] && { halt sshd; halt slurmd; halt slurmctld; }

  { munge -n | unmunge; } &>/dev/null || launch munged setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged -F
  await 20 munged sh -c 'munge -n | unmunge'
  if ! mariadb-admin ping &>/dev/null; then
    install -d -o mysql -g mysql /run/mysqld
    [[ -d /var/lib/mysql/mysql ]] || mariadb-install-db --user=mysql >/dev/null
    launch mariadb /usr/sbin/mariadbd --user=mysql --skip-networking
    await 60 mariadb mariadb-admin ping
  fi
  mariadb -e "CREATE DATABASE IF NOT EXISTS slurm_acct_db;
    CREATE USER IF NOT EXISTS slurm@localhost IDENTIFIED BY '$DBPW';
    ALTER USER slurm@localhost IDENTIFIED BY '$DBPW';
    GRANT ALL ON slurm_acct_db.* TO slurm@localhost;"
  launch slurmdbd /usr/sbin/slurmdbd -D
  await 60 slurmdbd sacctmgr -n show cluster
  launch slurmctld /usr/sbin/slurmctld -D -i
  await 60 slurmctld scontrol ping
  launch slurmd /usr/sbin/slurmd -D -N localhost # our NodeName is not $(hostname)
  node_ok() { sinfo -h -n localhost -o %T | grep -Eq '^(idle|mixed|allocated|completing)$'; }
  for _ in $(seq 60); do # a drain from an earlier bad config survives in the state files
    node_ok && break; scontrol update nodename=localhost state=resume &>/dev/null || true; sleep 0.5
  done
  node_ok || fail "node not usable: $(sinfo -h -N -o '%T %E')"
  await 30 "cluster registration" sh -c "sacctmgr -nP show cluster format=cluster | grep -qx $CL"
  sacctmgr -nP show assoc user="$U" format=user | grep -qx "$U" ||
    { sacctmgr -i add account research; sacctmgr -i add user "$U,root" account=research; } >/dev/null || true
  /usr/sbin/sshd -t -f "$K/sshd_config"
  launch sshd /usr/sbin/sshd -D -e -f "$K/sshd_config"
  await 20 sshd ssh -p "$PORT" -i "$K/id_ed25519" -o BatchMode=yes -o StrictHostKeyChecking=yes \
    -o UserKnownHostsFile="$K/known_hosts" -o LogLevel=ERROR "$U@127.0.0.1" true
  write_env
  echo "READY: $(sinfo -h -o '%P %a %T %G')  env: $BASE/cluster.env"
}

down() {
  scancel --full -u "$U" 2>/dev/null || true
  for d in sshd slurmd slurmctld slurmdbd mariadb munged; do halt "$d"; done
  rm -f "$BASE/cluster.env"
}

status() {
  for d in munged mariadb slurmdbd slurmctld slurmd sshd; do
    if is_up "$d"; then echo "$d: running (pid $(cat "$RUN/$d.pid"))"; else echo "$d: stopped"; fi
  done
  sinfo -h -N -o '%N %T %G' 2>/dev/null || true
}

restart_sshd() {
  halt sshd
  launch sshd /usr/sbin/sshd -D -e -f "$K/sshd_config"
  await 20 sshd ssh -p "$PORT" -i "$K/id_ed25519" -o BatchMode=yes -o StrictHostKeyChecking=yes \
    -o UserKnownHostsFile="$K/known_hosts" -o LogLevel=ERROR "$U@127.0.0.1" true
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  env) [[ -f $BASE/cluster.env ]] || fail "not up: run '$0 up'"; grep -v '^#' "$BASE/cluster.env" ;;
  restart-sshd) restart_sshd ;;
  stop-sshd) halt sshd ;;
  start-sshd) launch sshd /usr/sbin/sshd -D -e -f "$K/sshd_config" ;;
  *) echo "usage: $0 up|down|status|env|restart-sshd" >&2; exit 2 ;;
esac
