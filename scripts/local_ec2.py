#!/usr/bin/env python3
"""The local EC2 for the demo and the browser tests: moto server on 127.0.0.1, seeded with a sample estate.

  local_ec2.py start [--state-dir DIR] [--port N] [--no-seed]
      start moto in the background on a free port (or N), wait until it answers, seed it,
      and print its endpoint URL; the PID and port go to DIR (default .run/)
      --auth: also create the IAM users below and turn IAM authentication on; their keys go to
      DIR/users.json
  local_ec2.py seed --endpoint URL      reset and seed a running server
  local_ec2.py users --endpoint URL     create the IAM users, turn authentication on, print their keys (JSON)
  local_ec2.py stop [--state-dir DIR]   stop the server started by `start` (its whole process group)

Run it with the project's virtualenv (.venv/bin/python), which has moto and boto3.
"""

import argparse
import datetime
import json
import math
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_AMIS = ROOT / "scripts" / "demo-amis.json"
DEMO_ACCESS_KEY = "AKIADEMODEMODEMO0001"
DEMO_SECRET_KEY = "demo-secret-access-key-not-for-real-aws"
# The account of carol, the user who shares nothing with alice and bob.
OTHER_ACCOUNT = "111111111111"

# IAM users for sign-in: alice may do anything; bob may not launch or terminate instances, or tag
# (his policy also denies creating alarms, which moto does not enforce: it checks IAM for EC2, not
# CloudWatch); dave may not list the regions (so "All regions" falls back to the configured list).
USERS = {
    "alice": [],
    "bob": ["ec2:TerminateInstances", "ec2:RunInstances", "ec2:CreateTags", "cloudwatch:PutMetricAlarm"],
    "dave": ["ec2:DescribeRegions"],
}

# region -> (VPC CIDR, [(name, Environment, type, final state, subnet index)])
ESTATE = {
    "us-east-1": (
        "10.10.0.0/16",
        [
            ("web-1", "prod", "t3.micro", "running", 0),
            ("web-2", "prod", "t3.micro", "running", 1),
            ("api-1", "prod", "t3.small", "running", 0),
            ("db-1", "prod", "r5.large", "running", 1),
            ("worker-1", "staging", "m5.large", "stopped", 0),
            ("batch-1", "dev", "c5.xlarge", "stopped", 1),
            ("bastion", "shared", "t2.micro", "running", 0),
        ],
    ),
    "eu-west-1": (
        "10.20.0.0/16",
        [
            ("eu-web-1", "prod", "t3.small", "running", 0),
            ("eu-web-2", "prod", "t3.small", "running", 1),
            ("eu-cache-1", "prod", "r5.large", "running", 0),
            ("eu-etl-1", "staging", "m5.large", "stopped", 1),
            ("eu-test-1", "dev", "t3.micro", "stopped", 0),
            ("eu-bastion", "shared", "t2.micro", "running", 1),
        ],
    ),
}

# Only with `start --e2e`: instances the browser tests change (stop, terminate, resize, tag).
E2E_ESTATE = {
    "us-west-2": (
        "10.30.0.0/16",
        [
            ("e2e-stop-a", "test", "t3.micro", "running", 0),
            ("e2e-stop-b", "test", "t3.micro", "running", 1),
            ("e2e-term", "test", "t3.micro", "running", 0),
            ("e2e-resize", "test", "t3.micro", "stopped", 1),
            ("e2e-tags", "test", "t3.micro", "running", 0),
            ("e2e-deny", "test", "t3.micro", "running", 1),
            ("e2e-audit-a", "test", "t3.micro", "running", 0),
            ("e2e-audit-b", "test", "t3.micro", "running", 1),
            ("e2e-kbd-stop", "test", "t3.micro", "running", 0),
            ("e2e-kbd-term", "test", "t3.micro", "running", 1),
        ],
    ),
    # Frankfurt and Seoul: the all-regions tests act across them.
    "eu-central-1": (
        "10.40.0.0/16",
        [
            ("e2e-multi-a", "test", "t3.micro", "running", 0),
            ("e2e-mixed-a", "test", "t3.micro", "running", 1),
        ],
    ),
    "ap-northeast-2": (
        "10.50.0.0/16",
        [
            ("e2e-multi-b", "test", "t3.micro", "running", 0),
            ("e2e-mixed-b", "test", "t3.micro", "running", 1),
            ("e2e-palette", "test", "t3.micro", "running", 0),
        ],
    ),
}


def moto_env():
    env = dict(os.environ)
    env.update(
        MOTO_AMIS_PATH=str(DEMO_AMIS),
        MOTO_ENABLE_AMI_VALIDATION="true",
        MOTO_EC2_ENABLE_INSTANCE_TYPE_VALIDATION="true",
        MOTO_ENABLE_KEYPAIR_VALIDATION="true",
    )
    return env


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, method="GET", body=b""):
    req = urllib.request.Request(url, data=body if method != "GET" else None, method=method)
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status


def wait_until_up(endpoint, proc, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit(f"moto exited with code {proc.returncode}; see its log")
        try:
            if request(f"{endpoint}/moto-api/") == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"moto did not answer at {endpoint} within {timeout} s")


def seed(endpoint, e2e=False):
    request(f"{endpoint}/moto-api/reset", "POST")
    request(f"{endpoint}/moto-api/seed?a=42", "POST")
    amis = json.loads(DEMO_AMIS.read_text())
    ami = next(a["ami_id"] for a in amis if a["architecture"] == "x86_64")
    estate = {**ESTATE, **(E2E_ESTATE if e2e else {})}
    for region, (cidr, instances) in estate.items():
        ec2 = client("ec2", endpoint, region)
        azs = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]][:2]
        vpc = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
        ec2.create_tags(Resources=[vpc], Tags=[{"Key": "Name", "Value": f"demo-{region}"}])
        base = cidr.split(".")
        subnets = []
        for i, az in enumerate(azs):
            subnet = ec2.create_subnet(
                VpcId=vpc, CidrBlock=f"{base[0]}.{base[1]}.{i + 1}.0/24", AvailabilityZone=az
            )["Subnet"]["SubnetId"]
            ec2.modify_subnet_attribute(SubnetId=subnet, MapPublicIpOnLaunch={"Value": True})
            ec2.create_tags(Resources=[subnet], Tags=[{"Key": "Name", "Value": f"demo-{az}"}])
            subnets.append(subnet)
        sg = ec2.create_security_group(
            GroupName="demo-ssh", Description="SSH from anywhere (demo)", VpcId=vpc
        )["GroupId"]
        ec2.authorize_security_group_ingress(
            GroupId=sg,
            IpPermissions=[
                {
                    "IpProtocol": "tcp",
                    "FromPort": 22,
                    "ToPort": 22,
                    "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "SSH"}],
                }
            ],
        )
        ec2.create_key_pair(KeyName="demo-key", KeyType="ed25519")
        ids = {}
        for name, environment, itype, _, subnet_index in instances:
            out = ec2.run_instances(
                ImageId=ami,
                InstanceType=itype,
                MinCount=1,
                MaxCount=1,
                KeyName="demo-key",
                SubnetId=subnets[subnet_index],
                SecurityGroupIds=[sg],
                TagSpecifications=[
                    {
                        "ResourceType": "instance",
                        "Tags": [
                            {"Key": "Name", "Value": name},
                            {"Key": "Environment", "Value": environment},
                        ],
                    }
                ],
            )
            ids[name] = out["Instances"][0]["InstanceId"]
        stopped = [ids[n] for n, _, _, state, _ in instances if state == "stopped"]
        if stopped:
            ec2.stop_instances(InstanceIds=stopped)
        first, second = instances[0][0], instances[min(3, len(instances) - 1)][0]
        volumes = []
        for size, vtype, az, attach_to in ((100, "gp3", azs[0], None), (20, "gp2", azs[1], second)):
            volume = ec2.create_volume(
                Size=size,
                VolumeType=vtype,
                AvailabilityZone=az,
                TagSpecifications=[
                    {
                        "ResourceType": "volume",
                        "Tags": [{"Key": "Name", "Value": f"data-{size}g"}],
                    }
                ],
            )["VolumeId"]
            volumes.append(volume)
            if attach_to:
                ec2.attach_volume(VolumeId=volume, InstanceId=ids[attach_to], Device="/dev/sdf")
        allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
        ec2.associate_address(AllocationId=allocation, InstanceId=ids[first])
        running = [(n, ids[n]) for n, _, _, state, _ in instances if state == "running"]
        put_metrics(endpoint, region, running, volumes)


# The instance whose CPU runs hot in the demo, and its one peak (three hours before seeding): the
# browser tests read it back from the Monitoring tab.
BUSY = "db-1"
BUSY_PEAK = 97.0
# 24 hours of 5-minute points.
STEPS = 288


def put_metrics(endpoint, region, instances, volumes):
    """Puts 24 hours of 5-minute datapoints for each running instance: CPU in a daily wave with a
    little noise (BUSY near 65–90 % with one peak of BUSY_PEAK), network and EBS bytes following it,
    status checks passing; and read/write operations and bytes for the volumes. Deterministic."""
    cw = client("cloudwatch", endpoint, region)
    now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
    now -= datetime.timedelta(minutes=now.minute % 5)
    ec2_data, ebs_data = [], []
    for k, (name, iid) in enumerate(instances):
        dims = [{"Name": "InstanceId", "Value": iid}]
        for i in range(STEPS):
            t = now - datetime.timedelta(minutes=5 * (STEPS - 1 - i))
            wave = math.sin(2 * math.pi * i / STEPS + k)
            noise = ((i * 7 + k * 13) % 10) / 2
            cpu = 75 + 12 * wave + noise if name == BUSY else 12 + 8 * wave + noise
            if name == BUSY and i == STEPS - 37:
                cpu = BUSY_PEAK
            cpu = round(cpu, 1)
            for metric, value, unit in (
                ("CPUUtilization", cpu, "Percent"),
                ("NetworkIn", round(cpu * 40_000), "Bytes"),
                ("NetworkOut", round(cpu * 25_000), "Bytes"),
                ("EBSReadBytes", round(cpu * 8_000), "Bytes"),
                ("EBSWriteBytes", round(cpu * 12_000), "Bytes"),
                ("StatusCheckFailed", 0, "Count"),
            ):
                ec2_data.append({"MetricName": metric, "Dimensions": dims, "Timestamp": t, "Value": value, "Unit": unit})
    for k, vid in enumerate(volumes):
        dims = [{"Name": "VolumeId", "Value": vid}]
        for i in range(STEPS):
            t = now - datetime.timedelta(minutes=5 * (STEPS - 1 - i))
            ops = round(300 + 200 * math.sin(2 * math.pi * i / STEPS + k) + (i * 11 % 50))
            for metric, value, unit in (
                ("VolumeReadOps", ops, "Count"),
                ("VolumeWriteOps", round(ops * 0.6), "Count"),
                ("VolumeReadBytes", ops * 16_384, "Bytes"),
                ("VolumeWriteBytes", round(ops * 0.6) * 16_384, "Bytes"),
            ):
                ebs_data.append({"MetricName": metric, "Dimensions": dims, "Timestamp": t, "Value": value, "Unit": unit})
    for namespace, data in (("AWS/EC2", ec2_data), ("AWS/EBS", ebs_data)):
        for start in range(0, len(data), 1000):
            cw.put_metric_data(Namespace=namespace, MetricData=data[start : start + 1000])


def client(service, endpoint, region="us-east-1", credentials=None):
    """A boto3 client for moto: the demo keys, or `credentials` (an STS Credentials dict)."""
    import boto3

    if credentials is None:
        keys = {"aws_access_key_id": DEMO_ACCESS_KEY, "aws_secret_access_key": DEMO_SECRET_KEY}
    else:
        keys = {
            "aws_access_key_id": credentials["AccessKeyId"],
            "aws_secret_access_key": credentials["SecretAccessKey"],
            "aws_session_token": credentials["SessionToken"],
        }
    return boto3.client(service, region_name=region, endpoint_url=endpoint, **keys)


def create_users(endpoint):
    """Creates USERS (and carol, in another account) with access keys while authentication is off,
    then turns it on."""
    iam = client("iam", endpoint)
    keys = {}
    for name, denied in USERS.items():
        iam.create_user(UserName=name)
        statements = [{"Effect": "Allow", "Action": "*", "Resource": "*"}]
        if denied:
            statements.append({"Effect": "Deny", "Action": denied, "Resource": "*"})
        iam.put_user_policy(
            UserName=name,
            PolicyName="console",
            PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": statements}),
        )
        key = iam.create_access_key(UserName=name)["AccessKey"]
        keys[name] = {
            "access_key_id": key["AccessKeyId"],
            "secret_access_key": key["SecretAccessKey"],
            "arn": f"arn:aws:iam::123456789012:user/{name}",
        }
    # carol belongs to another AWS account (moto makes one for an assumed role's account ID).
    other = client("sts", endpoint).assume_role(RoleArn=f"arn:aws:iam::{OTHER_ACCOUNT}:role/setup", RoleSessionName="setup")[
        "Credentials"
    ]
    iam_other = client("iam", endpoint, credentials=other)
    iam_other.create_user(UserName="carol")
    iam_other.put_user_policy(
        UserName="carol",
        PolicyName="console",
        PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
        ),
    )
    key = iam_other.create_access_key(UserName="carol")["AccessKey"]
    keys["carol"] = {
        "access_key_id": key["AccessKeyId"],
        "secret_access_key": key["SecretAccessKey"],
        "arn": f"arn:aws:iam::{OTHER_ACCOUNT}:user/carol",
    }
    req = urllib.request.Request(
        f"{endpoint}/moto-api/reset-auth", data=b"0", method="POST", headers={"Content-Type": "text/plain"}
    )
    urllib.request.urlopen(req, timeout=10)
    return keys


def start(args):
    state = Path(args.state_dir)
    state.mkdir(parents=True, exist_ok=True)
    pid_file = state / "moto.pid"
    if pid_file.exists():
        stop(args)
    port = args.port or free_port()
    moto = Path(sys.executable).parent / "moto_server"
    log = open(state / "moto.log", "ab")
    proc = subprocess.Popen(
        [str(moto), "-H", "127.0.0.1", "-p", str(port)],
        env=moto_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    pid_file.write_text(str(proc.pid))
    (state / "moto.port").write_text(str(port))
    endpoint = f"http://127.0.0.1:{port}"
    wait_until_up(endpoint, proc)
    if not args.no_seed:
        seed(endpoint, e2e=args.e2e)
    if args.auth:
        users = create_users(endpoint)
        users_file = state / "users.json"
        users_file.write_text(json.dumps(users, indent=1))
        users_file.chmod(0o600)
    print(endpoint)


def stop(args):
    pid_file = Path(args.state_dir) / "moto.pid"
    if not pid_file.exists():
        return
    pid = int(pid_file.read_text())
    try:
        os.killpg(pid, signal.SIGTERM)
        for _ in range(50):
            os.kill(pid, 0)
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
            time.sleep(0.1)
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    pid_file.unlink(missing_ok=True)
    (Path(args.state_dir) / "moto.port").unlink(missing_ok=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_start = sub.add_parser("start")
    p_start.add_argument("--state-dir", default=str(ROOT / ".run"))
    p_start.add_argument("--port", type=int, default=0)
    p_start.add_argument("--no-seed", action="store_true")
    p_start.add_argument("--auth", action="store_true")
    p_start.add_argument("--e2e", action="store_true", help="also seed the instances the browser tests change")
    p_users = sub.add_parser("users")
    p_users.add_argument("--endpoint", required=True)
    p_seed = sub.add_parser("seed")
    p_seed.add_argument("--endpoint", required=True)
    p_stop = sub.add_parser("stop")
    p_stop.add_argument("--state-dir", default=str(ROOT / ".run"))
    args = parser.parse_args()
    if args.command == "start":
        start(args)
    elif args.command == "seed":
        seed(args.endpoint)
    elif args.command == "users":
        print(json.dumps(create_users(args.endpoint)))
    else:
        stop(args)


if __name__ == "__main__":
    main()
