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


if __name__ == "__main__":
    unittest.main(verbosity=2)
