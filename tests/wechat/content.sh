# content.sh: the records both channel suites build (sourced; $c the
# county, copied from tests/invalid/_base). An assistance list whose title,
# body and people name two recipients and their reasons, a notice with a
# mobile number, and a notice whose table is longer than an article holds.
d=$c/fushui/wangjia/2026/11
cat >"$d/2026-11-24-dibao.md" <<'MD'
---
type: assistance
title: 2026年11月低保公示（王大山等2户）
date: 2026-11-24
power: p23
publish: {from: 2026-11-24, to: 2026-11-30}
program: 城乡最低生活保障
people:
  - {name: 王大山, household: 2, amount: 980.00, reason: 肝癌晚期, id_card: 110105********002X}
  - {name: 李小河, household: 3, amount: 1290.00, reason: 家庭暴力离异, id_card: 110105********0021}
---
王大山户因肝癌晚期纳入低保，李小河户因家庭暴力离异纳入低保。
MD
cat >"$d/2026-11-23-water.md" <<'MD'
---
type: notice
title: 关于冬季自来水管道防冻的通知
date: 2026-11-23
publish: {from: 2026-11-23, to: 2026-11-30}
---
请各户做好水管保温。管道冻裂请联系王师傅 13812345678。

- 包扎外露水管
- 夜间关闭总阀

| 组别 | 检查日期 | 负责人 | 备注 |
|------|----------|--------|------|
| 一组 | 11月25日 | 村委会 | 重点检查独居老人家中的水表和外露管道 |
| 二组 | 11月26日 | 村委会 | 同上 |
MD
python3 - "$d/2026-11-25-long-list.md" <<'PY'
import sys
rows = "\n".join("| %d | 第%d组道路边沟清理与绿化补植工作安排及验收要求说明 | 11月%d日 |" % (i, i % 9 + 1, i % 28 + 1) for i in range(1, 701))
open(sys.argv[1], "w").write("""---
type: notice
title: 全村人居环境整治任务分解表
date: 2026-11-25
publish: {from: 2026-11-25, to: 2026-11-30}
---
人居环境整治任务分解如下。

| 序号 | 任务 | 日期 |
|---:|------|------|
""" + rows + "\n\n以上任务请各组按时完成。\n")
PY
