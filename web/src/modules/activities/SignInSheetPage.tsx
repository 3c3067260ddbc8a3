import { Button, Empty, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import type { InvitationStatus } from '@xieshang/shared';
import { formatTime } from '../../format';
import { useEvent } from './api';
import './sign-in-sheet.css';

const REMARK: Partial<Record<InvitationStatus, string>> = { leave_approved: '请假', leave_requested: '请假（待批）' };

/**
 * 签到表 to print for the venue: the event, then one row per invitee in roster order (surname strokes) with a
 * blank column to sign in; leave is marked. On screen it is a sheet of A4 paper; printed, only the sheet.
 */
export default function SignInSheetPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const event = useEvent(id);
  if (event.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  const e = event.data;
  if (event.error || !e || !e.organiser)
    return <Empty style={{ marginTop: 96 }} description={(event.error as Error)?.message ?? '只有活动的组织者可以打印签到表'} />;
  const leave = e.invitations.filter((i) => i.status === 'leave_approved').length;
  const start = formatTime(e.startsAt);
  const end = formatTime(e.endsAt);
  return (
    <div className="xs-sheet-page">
      <div className="xs-sheet-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/activities/events/${id}`)}>
          返回活动
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
      </div>
      <article className="xs-sheet">
        <h1>{e.title}</h1>
        <h2>签到表</h2>
        <p className="xs-sheet-meta">
          <span>
            时间：{start} 至 {end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end}
          </span>
          <span>地点：{e.place}</span>
        </p>
        {e.invitations.length === 0 ? (
          <p>尚未邀请委员。</p>
        ) : (
          <table>
            <colgroup>
              <col className="xs-sheet-no" />
              <col className="xs-sheet-name" />
              <col className="xs-sheet-sector" />
              <col />
              <col className="xs-sheet-sign" />
              <col className="xs-sheet-remark" />
            </colgroup>
            <thead>
              <tr>
                <th>序号</th>
                <th>姓名</th>
                <th>界别</th>
                <th>工作单位及职务</th>
                <th>签到/签名</th>
                <th>备注</th>
              </tr>
            </thead>
            <tbody>
              {e.invitations.map((inv, i) => (
                <tr key={inv.id}>
                  <td>{i + 1}</td>
                  <td>{inv.memberName}</td>
                  <td>{inv.sectorName ?? ''}</td>
                  <td>{[inv.employer, inv.jobTitle].filter(Boolean).join('')}</td>
                  <td />
                  <td>{REMARK[inv.status] ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="xs-sheet-foot">
          应到 {e.invitations.length} 人{leave > 0 ? `，请假 ${leave} 人` : ''}
        </p>
      </article>
    </div>
  );
}
