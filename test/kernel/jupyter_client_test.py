"""Kernel features driven through jupyter_client (the client nbclient and the Notebook use).

Run by test/kernel/jupyter_client.test.ts with JUPYTER_PATH pointing at a private kernelspec.
One kernel serves every test, in order, as one notebook would.
"""
import unittest
from queue import Empty

from jupyter_client.manager import start_new_kernel

TIMEOUT = 180


class KernelFeatures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name="transformers-lab", startup_timeout=TIMEOUT)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def shell_reply(self, msg_id):
        while True:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]

    def execute(self, code, **kwargs):
        """Runs code; returns the reply content and the cell's iopub messages up to idle."""
        msg_id = self.kc.execute(code, **kwargs)
        outputs = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            outputs.append(msg)
        return self.shell_reply(msg_id), outputs

    def result(self, code):
        reply, outputs = self.execute(code)
        self.assertEqual(reply["status"], "ok", reply)
        results = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]
        return results[0] if results else None

    def test_1_signature_help_inside_a_call(self):
        self.result(
            "/** Repeats a name. */\n"
            "function greet(name: string, times: number = 1): string { return name.repeat(times) }"
        )
        for code, expected in [
            ("greet(", "greet(*name: string*, times?: number): string"),
            ("greet('a', ", "greet(name: string, *times?: number*): string"),
            ("AutoTokenizer.from_pretrained(", "from_pretrained(*pretrained_model_name_or_path: string*"),
        ]:
            with self.subTest(code=code):
                content = self.shell_reply(self.kc.inspect(code, len(code)))
                self.assertEqual(content["status"], "ok")
                self.assertTrue(content["found"], content)
                self.assertIn(expected, content["data"]["text/plain"])
        content = self.shell_reply(self.kc.inspect("greet(", 6))
        self.assertIn("Repeats a name.", content["data"]["text/plain"])

    def test_2_member_completions_carry_types_and_hide_noise(self):
        self.result("class Box { _secret = 1; value = 2; static make() { return new Box() } }\nconst box = new Box();")
        content = self.shell_reply(self.kc.complete("box.", 4))
        self.assertEqual(content["matches"], ["value"])
        types = content["metadata"]["_jupyter_types_experimental"]
        self.assertEqual([(t["text"], t["type"]) for t in types], [("value", "property")])
        self.assertEqual((types[0]["start"], types[0]["end"]), (content["cursor_start"], content["cursor_end"]))

        static = self.shell_reply(self.kc.complete("Box.", 4))["matches"]
        self.assertIn("make", static)
        for noise in ["apply", "arguments", "bind", "call", "caller"]:
            self.assertNotIn(noise, static)
        # Asked for by name, they are offered.
        self.assertIn("bind", self.shell_reply(self.kc.complete("Box.bi", 6))["matches"])
        self.assertIn("_secret", self.shell_reply(self.kc.complete("box._", 5))["matches"])

    def answer_input(self, code, typed, **kwargs):
        """Runs code that asks for input; returns the input_request content and the result."""
        msg_id = self.kc.execute(code, allow_stdin=True, **kwargs)
        request = self.kc.get_stdin_msg(timeout=TIMEOUT)
        self.assertEqual(request["msg_type"], "input_request")
        self.assertEqual(request["parent_header"]["msg_id"], msg_id)
        self.kc.input(typed)
        reply = self.shell_reply(msg_id)
        self.assertEqual(reply["status"], "ok", reply)
        return request["content"]

    def test_3_input_and_getpass_ask_the_front_end(self):
        request = self.answer_input('const who = await input("Your name: ");', "Ada")
        self.assertEqual(request, {"prompt": "Your name: ", "password": False})
        self.assertEqual(self.result("`hello ${who}`"), "'hello Ada'")
        request = self.answer_input('const secret = await getpass("Token: ");', "hf_123")
        self.assertEqual(request, {"prompt": "Token: ", "password": True})
        self.assertEqual(self.result("secret.length"), "6")

    def test_4_input_without_stdin_fails_clearly(self):
        reply, _ = self.execute('await input("Your name: ")', allow_stdin=False)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "StdinNotImplementedError")
        self.assertIn("allow_stdin is false", reply["evalue"])
        with self.assertRaises(Empty):
            self.kc.get_stdin_msg(timeout=1)

    def test_5_reading_process_stdin_fails_instead_of_hanging(self):
        reply, _ = self.execute('await new Promise((resolve, reject) => process.stdin.once("error", reject).once("data", resolve));')
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "StdinNotImplementedError")
        self.assertIn("await input(", reply["evalue"])

    def stdout_of(self, outputs):
        return "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")

    def test_6_underscores_hold_the_last_results(self):
        self.assertEqual(self.result("6 * 7"), "42")
        self.assertEqual(self.result("'text'"), "'text'")
        self.assertEqual(self.result("[_, __]"), "[ 'text', 42 ]")
        self.assertEqual(self.result("___"), "42")
        self.assertEqual(self.result("__.length"), "2")
        # A cell without a result leaves them alone.
        self.result("const quiet = 1;")
        self.assertEqual(self.result("_"), "2")

    def test_7_time_magics(self):
        reply, outputs = self.execute("%time [1, 2, 3].reduce((a, b) => a + b)")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertRegex(self.stdout_of(outputs), r"^CPU times: user [\d.]+ .?s, sys: [\d.]+ .?s, total: [\d.]+ .?s\nWall time: [\d.]+ .?s\n$")
        self.assertEqual([m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"], ["6"])

        reply, outputs = self.execute("%%time\nlet total = 0;\nfor (let i = 0; i < 1000; i++) total += i;\nconsole.log(total);")
        self.assertEqual(reply["status"], "ok", reply)
        printed = self.stdout_of(outputs)
        self.assertTrue(printed.startswith("499500\nCPU times: user "), printed)
        self.assertIn("\nWall time: ", printed)
        self.assertEqual(self.result("total"), "499500")

        reply, _ = self.execute("%time const a = 1;\nconst b = 2;")
        self.assertEqual((reply["status"], reply["ename"]), ("error", "UsageError"))
        self.assertIn("%%time on the first line", reply["evalue"])

    def test_8_process_exit_fails_the_cell_and_the_kernel_goes_on(self):
        pid = self.result("const survivor = 41;\nprocess.pid")
        reply, outputs = self.execute("process.exit(2)")
        self.assertEqual((reply["status"], reply["ename"]), ("error", "SystemExit"))
        self.assertIn("process.exit(2) was called", reply["evalue"])
        self.assertEqual([m["content"]["ename"] for m in outputs if m["msg_type"] == "error"], ["SystemExit"])
        self.assertEqual(self.result("process.pid"), pid)
        self.assertEqual(self.result("survivor + 1"), "42")
        self.assertTrue(self.km.is_alive())

    def send_shell(self, msg_type, content):
        msg = self.kc.session.msg(msg_type, content)
        self.kc.shell_channel.send(msg)
        return msg["header"]["msg_id"]

    def iopub_of(self, msg_id, msg_type):
        """The iopub messages of one type sent for the request msg_id, up to its idle status."""
        found = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return found
            if msg["msg_type"] == msg_type:
                found.append(msg["content"])

    def comm_info(self, target_name=None):
        content = {"target_name": target_name} if target_name else {}
        return self.shell_reply(self.send_shell("comm_info_request", content))["comms"]

    def test_9_comms_opened_by_the_front_end(self):
        self.assertEqual(self.comm_info("test.echo"), {})
        self.result(
            'registerCommTarget("test.echo", (comm, open) => {\n'
            '  comm.send({ opened: open.data });\n'
            '  comm.onMessage((msg) => comm.send({ echo: msg.data }));\n'
            '  comm.onClose(() => console.log("closed"));\n'
            "});"
        )
        sent = self.iopub_of(self.send_shell("comm_open", {"comm_id": "c1", "target_name": "test.echo", "data": {"value": 3}}), "comm_msg")
        self.assertEqual(sent, [{"comm_id": "c1", "data": {"opened": {"value": 3}}, "metadata": {}}])
        self.assertEqual(self.comm_info(), {"c1": {"target_name": "test.echo"}})
        sent = self.iopub_of(self.send_shell("comm_msg", {"comm_id": "c1", "data": {"clicked": "B"}}), "comm_msg")
        self.assertEqual([m["data"] for m in sent], [{"echo": {"clicked": "B"}}])
        printed = self.iopub_of(self.send_shell("comm_close", {"comm_id": "c1", "data": {}}), "stream")
        self.assertEqual([m["text"] for m in printed], ["closed\n"])
        self.assertEqual(self.comm_info(), {})
        # A target nobody registered: the comm is closed straight back.
        closed = self.iopub_of(self.send_shell("comm_open", {"comm_id": "c2", "target_name": "nobody", "data": {}}), "comm_close")
        self.assertEqual([c["comm_id"] for c in closed], ["c2"])
        self.assertIn("no comm target", closed[0]["data"]["error"])

    def test_10_comms_opened_by_a_cell(self):
        msg_id = self.kc.execute('const c = openComm("test.kernel", { hello: 1 });\nc.send({ n: 2 });\nc.commId')
        opened = self.iopub_of(msg_id, "comm_open")
        self.assertEqual(len(opened), 1)
        self.assertEqual((opened[0]["target_name"], opened[0]["data"]), ("test.kernel", {"hello": 1}))
        comm_id = opened[0]["comm_id"]
        self.assertEqual(self.shell_reply(msg_id)["status"], "ok")
        self.assertEqual(self.comm_info("test.kernel"), {comm_id: {"target_name": "test.kernel"}})
        reply, outputs = self.execute("c.close();\nc.send({ late: true })")
        self.assertEqual([m["content"]["comm_id"] for m in outputs if m["msg_type"] == "comm_close"], [comm_id])
        self.assertEqual((reply["status"], reply["ename"]), ("error", "UnknownCommError"))
        self.assertEqual(self.comm_info(), {})


if __name__ == "__main__":
    unittest.main(verbosity=2)
