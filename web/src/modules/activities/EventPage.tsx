import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { FileWordOutlined, MinusCircleOutlined, PlusOutlined, PrinterOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ATTENDANCE, EVENT_PHASES, RECOMMENDATION_STATES, REPORT_STATES, SPEECH_KINDS, type Attendance } from '@xieshang/shared';
import { api } from '../../api/client';
import { formatTime } from '../../format';
import { useEvent, useStructure, type EventDetail, type HistoryEntry, type Invitation } from './api';
import { ActionButtons, AttendanceTag, EventStatusTag, InvitationTag, MemberSelect } from './parts';
import './activities.css';

function useRefresh(id: string) {
  const client = useQueryClient();
  return () => {
    client.invalidateQueries({ queryKey: ['activities', 'event', id] });
    client.invalidateQueries({ queryKey: ['activities', 'events'] });
    client.invalidateQueries({ queryKey: ['todos'] });
  };
}

/** One event: arrangements, invitees and answers, check-in, attendance, speeches, minutes and the outcome report. */
export default function EventPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const event = useEvent(id);
  const refresh = useRefresh(id);
  const structure = useStructure();
  if (event.isLoading) return <Card loading />;
  if (event.error || !event.data)
    return (
      <Card>
        <Empty description={(event.error as Error)?.message ?? '活动不存在'} />
      </Card>
    );
  const e = event.data;
  const committee = structure.data?.committees.find((c) => c.id === e.organizerCommitteeId)?.name;
  const department = structure.data?.departments.find((c) => c.id === e.organizerDepartmentId)?.name;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal' }}>
              {e.title}
            </Typography.Title>
            <EventStatusTag status={e.status} />
            {e.phase && e.phase !== 'upcoming' && <Tag color="processing">{EVENT_PHASES[e.phase]}</Tag>}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="类型">{e.typeName}</Descriptions.Item>
          <Descriptions.Item label="时间">
            {formatTime(e.startsAt)} 至 {formatTime(e.endsAt)}
          </Descriptions.Item>
          <Descriptions.Item label="地点">{e.place}</Descriptions.Item>
          <Descriptions.Item label="组织">{[committee, department].filter(Boolean).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="签到时间">
            {formatTime(e.checkinWindow.opensAt)} 至 {formatTime(e.checkinWindow.closesAt)}
          </Descriptions.Item>
          {e.capacity && <Descriptions.Item label="人数上限">{e.capacity}</Descriptions.Item>}
          {e.planEntry && (
            <Descriptions.Item label="年度计划">
              <Link to="/activities/plan">
                {e.planEntry.subcategory ?? e.planEntry.category} · {e.planEntry.title}（{e.planEntry.periodText}）
              </Link>
            </Descriptions.Item>
          )}
          {e.cancelReason && <Descriptions.Item label="取消原因">{e.cancelReason}</Descriptions.Item>}
        </Descriptions>
        {e.agenda && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>议程：{e.agenda}</Typography.Paragraph>}
        {e.attachments.length > 0 && (
          <div>
            材料：
            {e.attachments.map((f) => (
              <a key={f.id} href={`/api/v1/files/${f.id}`} style={{ marginRight: 8 }}>
                {f.name}
              </a>
            ))}
          </div>
        )}
        <Space wrap style={{ marginTop: 12 }}>
          <ActionButtons base={`/api/v1/activities/events/${id}`} actions={e.allowedActions} onDone={refresh} />
          {e.organiser && (e.status === 'draft' || e.status === 'published') && <EditEvent event={e} onDone={refresh} />}
          {e.organiser && (e.status === 'draft' || e.status === 'published') && <UploadMaterial eventId={id} onDone={refresh} />}
          {e.organiser && (
            <Button icon={<PrinterOutlined />} onClick={() => navigate(`/activities/events/${id}/sign-in-sheet`)}>
              打印签到表
            </Button>
          )}
          {e.organiser && (
            <Button icon={<FileWordOutlined />} href={`/api/v1/activities/events/${id}/signin-sheet.docx`}>
              签到表（Word）
            </Button>
          )}
        </Space>
      </Card>

      {e.myInvitation && <MyInvitationCard event={e} onDone={refresh} />}
      {e.checkin && (
        <Card title="现场签到码">
          <Space wrap align="center" size={24}>
            <div className="xs-act-qr" dangerouslySetInnerHTML={{ __html: e.checkin.qrSvg }} />
            <div>
              <div className="xs-act-code" data-testid="checkin-code">
                {e.checkin.code}
              </div>
              <Typography.Paragraph type="secondary">委员用手机扫码，或在“我的活动”中输入签到码签到。</Typography.Paragraph>
            </div>
          </Space>
        </Card>
      )}
      {(e.organiser || e.invitations.length > 0) && <InviteesCard event={e} onDone={refresh} />}
      {e.status !== 'draft' && e.status !== 'cancelled' && <SpeechesCard event={e} onDone={refresh} />}
      {e.status !== 'draft' && e.status !== 'cancelled' && (e.organiser || e.minutes) && <MinutesCard event={e} onDone={refresh} />}
      {(e.report || (e.organiser && (e.status === 'published' || e.status === 'finished'))) && <ReportCard event={e} onDone={refresh} />}
      <Card title="办理记录">
        <History entries={e.history} />
      </Card>
    </Space>
  );
}

function History({ entries }: { entries: HistoryEntry[] }) {
  if (entries.length === 0) return <Typography.Text type="secondary">暂无</Typography.Text>;
  return (
    <Timeline
      items={entries.map((h) => ({
        children: (
          <>
            {formatTime(h.at)} {h.actorName} {h.actionLabel} → {h.toLabel}
            {h.comment && <div style={{ color: '#666' }}>{h.comment}</div>}
          </>
        ),
      }))}
    />
  );
}

interface EditValues {
  range: [Dayjs, Dayjs];
  place: string;
  agenda: string;
}

function EditEvent({ event, onDone }: { event: EventDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<EditValues>();
  const save = useMutation({
    mutationFn: (v: EditValues) =>
      api.patch(`/api/v1/activities/events/${event.id}`, {
        startsAt: v.range[0].toISOString(),
        endsAt: v.range[1].toISOString(),
        place: v.place,
        agenda: v.agenda ?? '',
      }),
    onSuccess: () => {
      message.success(event.status === 'published' ? '已变更，受邀委员已收到通知' : '已保存');
      setOpen(false);
      onDone();
    },
    onError: (error: Error) => message.error(error.message),
  });
  return (
    <>
      <Button onClick={() => setOpen(true)}>变更安排</Button>
      <Modal
        open={open}
        title="变更活动安排"
        okText="保存"
        cancelText="取消"
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ range: [dayjs(event.startsAt), dayjs(event.endsAt)], place: event.place, agenda: event.agenda }}
          onFinish={(v) => save.mutate(v)}
          preserve={false}
        >
          <Form.Item name="range" label="时间" rules={[{ required: true, message: '请选择时间' }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="place" label="地点" rules={[{ required: true, message: '请填写地点' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="agenda" label="议程">
            <Input.TextArea rows={4} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Materials: uploaded, then linked to the event; everyone who sees the event may download them. */
function UploadMaterial({ eventId, onDone }: { eventId: string; onDone: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Upload
      showUploadList={false}
      customRequest={async ({ file }) => {
        setBusy(true);
        try {
          const uploaded = await api.upload<{ id: string }>('/api/v1/files', file as File);
          await api.patch(`/api/v1/activities/events/${eventId}`, { fileIds: [uploaded.id] });
          message.success('材料已上传');
          onDone();
        } catch (error) {
          message.error((error as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy}>
        上传材料
      </Button>
    </Upload>
  );
}

function MyInvitationCard({ event, onDone }: { event: EventDetail; onDone: () => void }) {
  const inv = event.myInvitation!;
  return (
    <Card title="我的回复">
      <Space direction="vertical">
        <Space wrap>
          <InvitationTag status={inv.status} />
          {inv.attendance && <AttendanceTag value={inv.attendance} />}
          {inv.leaveReason && <span>请假理由：{inv.leaveReason}</span>}
          {inv.decisionComment && <span>组织者意见：{inv.decisionComment}</span>}
        </Space>
        <ActionButtons base={`/api/v1/activities/invitations/${inv.id}`} actions={inv.allowedActions} onDone={onDone} />
        {event.status === 'published' && !inv.checkedInAt && (
          <Link to="/activities/checkin">
            <Button>去签到</Button>
          </Link>
        )}
      </Space>
    </Card>
  );
}

interface InviteValues {
  committeeIds?: string[];
  sectorIds?: string[];
  streetGroupIds?: string[];
  standingMembers?: boolean;
  memberIds?: string[];
}

function InviteesCard({ event, onDone }: { event: EventDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const structure = useStructure();
  const [inviting, setInviting] = useState(false);
  const [form] = Form.useForm<InviteValues>();
  const invite = useMutation({
    mutationFn: (v: InviteValues) =>
      api.post<{ added: number }>(`/api/v1/activities/events/${event.id}/invitees`, {
        committeeIds: v.committeeIds ?? [],
        sectorIds: v.sectorIds ?? [],
        streetGroupIds: v.streetGroupIds ?? [],
        standingMembers: Boolean(v.standingMembers),
        memberIds: v.memberIds ?? [],
      }),
    onSuccess: (r) => {
      message.success(`新邀请 ${r.added} 位委员`);
      setInviting(false);
      onDone();
    },
    onError: (error: Error) => message.error(error.message),
  });
  const mark = useMutation({
    mutationFn: ({ memberId, attendance }: { memberId: string; attendance: Attendance }) =>
      api.put(`/api/v1/activities/events/${event.id}/attendance`, { memberId, attendance }),
    onSuccess: () => {
      message.success('已记录出勤');
      onDone();
    },
    onError: (error: Error) => message.error(error.message),
  });
  const uninvite = useMutation({
    mutationFn: (memberId: string) => api.delete(`/api/v1/activities/events/${event.id}/invitees/${memberId}`),
    onSuccess: () => {
      message.success('已撤回邀请');
      onDone();
    },
    onError: (error: Error) => message.error(error.message),
  });
  const open = event.status === 'draft' || event.status === 'published';
  const canMark =
    event.organiser &&
    (event.status === 'published' || event.status === 'finished') &&
    Date.now() >= Date.parse(event.checkinWindow.opensAt);
  const c = event.counts;
  return (
    <Card
      title={`受邀委员（${c.invited}）`}
      extra={
        event.organiser &&
        open && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setInviting(true)}>
            邀请委员
          </Button>
        )
      }
    >
      <Space wrap size={24} style={{ marginBottom: 12 }}>
        <Statistic title="参加" value={c.accepted} />
        <Statistic title="请假" value={c.leaveRequested + c.leaveApproved} />
        <Statistic title="未回复" value={c.noAnswer} />
        {c.waitlisted > 0 && <Statistic title="候补" value={c.waitlisted} />}
        <Statistic title="出席" value={c.present} />
        <Statistic title="迟到" value={c.late} />
        <Statistic title="缺席" value={c.absent} />
      </Space>
      <Table<Invitation>
        rowKey="id"
        size="small"
        dataSource={event.invitations}
        pagination={event.invitations.length > 50 ? { pageSize: 50 } : false}
        scroll={{ x: 640 }}
        columns={[
          {
            title: '姓名',
            width: 110,
            render: (_, i) => (
              <Space size={4}>
                {i.memberName}
                {event.organiser && open && (
                  <Popconfirm
                    title={`撤回对${i.memberName}的邀请？`}
                    okText="撤回"
                    cancelText="取消"
                    onConfirm={() => uninvite.mutate(i.memberId)}
                  >
                    <Button type="link" size="small" aria-label={`撤回${i.memberName}`}>
                      撤回
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
          { title: '界别', dataIndex: 'sectorName', width: 110 },
          {
            title: '回复',
            width: 200,
            render: (_, i) => (
              <Space direction="vertical" size={2}>
                <InvitationTag status={i.status} />
                {i.leaveReason && <span style={{ fontSize: 12 }}>理由：{i.leaveReason}</span>}
                {i.allowedActions.length > 0 && (
                  <ActionButtons size="small" base={`/api/v1/activities/invitations/${i.id}`} actions={i.allowedActions} onDone={onDone} />
                )}
              </Space>
            ),
          },
          {
            title: '出勤',
            width: 200,
            render: (_, i) => (
              <Space wrap>
                <AttendanceTag value={i.attendance} />
                {i.checkedInAt && <span style={{ fontSize: 12 }}>{formatTime(i.checkedInAt).slice(11)}</span>}
                {canMark && (
                  <Select<Attendance>
                    size="small"
                    placeholder="记录"
                    aria-label={`记录${i.memberName}出勤`}
                    style={{ width: 80 }}
                    value={undefined}
                    onChange={(attendance) => mark.mutate({ memberId: i.memberId, attendance })}
                    options={(Object.keys(ATTENDANCE) as Attendance[])
                      .filter((a) => a !== 'leave' || i.status === 'leave_approved')
                      .map((a) => ({ value: a, label: ATTENDANCE[a] }))}
                  />
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={inviting}
        title="邀请委员"
        okText="邀请"
        cancelText="取消"
        onCancel={() => setInviting(false)}
        onOk={() => form.submit()}
        confirmLoading={invite.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => invite.mutate(v)} preserve={false}>
          <Form.Item name="committeeIds" label="按专委会">
            <Select mode="multiple" options={structure.data?.committees.map((x) => ({ value: x.id, label: x.name }))} />
          </Form.Item>
          <Form.Item name="sectorIds" label="按界别">
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={structure.data?.sectors.map((x) => ({ value: x.id, label: x.name }))}
            />
          </Form.Item>
          <Form.Item name="streetGroupIds" label="按街道活动小组">
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={structure.data?.streetGroups.map((x) => ({ value: x.id, label: x.name }))}
            />
          </Form.Item>
          <Form.Item name="standingMembers" valuePropName="checked">
            <Checkbox>全体常委</Checkbox>
          </Form.Item>
          <Form.Item name="memberIds" label="按姓名">
            <MemberSelect multiple />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function SpeechesCard({ event, onDone }: { event: EventDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ memberId?: string; kind: 'oral' | 'written'; title: string; body?: string }>();
  const [adding, setAdding] = useState(false);
  const [files, setFiles] = useState<{ id: string; name: string }[]>([]);
  const add = useMutation({
    mutationFn: (v: { memberId?: string; kind: string; title: string; body?: string }) =>
      api.post(`/api/v1/activities/events/${event.id}/speeches`, { ...v, body: v.body ?? '', fileIds: files.map((f) => f.id) }),
    onSuccess: () => {
      message.success('已提交发言');
      setAdding(false);
      setFiles([]);
      onDone();
    },
    onError: (error: Error) => message.error(error.message),
  });
  const canAdd = event.organiser || Boolean(event.myInvitation);
  return (
    <Card title="大会发言" extra={canAdd && <Button onClick={() => setAdding(true)}>提交发言</Button>}>
      <List
        dataSource={event.speeches}
        locale={{ emptyText: '暂无发言' }}
        renderItem={(s) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space wrap>
                  {s.title}
                  <Tag>{SPEECH_KINDS[s.kind]}</Tag>
                  <span>{s.memberName}</span>
                </Space>
              }
              description={
                <>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{s.body}</span>
                  {s.attachments.map((f) => (
                    <div key={f.id}>
                      <a href={`/api/v1/files/${f.id}`}>{f.name}</a>
                    </div>
                  ))}
                </>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={adding}
        title="提交发言"
        okText="提交"
        cancelText="取消"
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={add.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)} preserve={false} initialValues={{ kind: 'written' }}>
          {event.organiser && (
            <Form.Item name="memberId" label="发言委员" rules={[{ required: true, message: '请选择发言委员' }]}>
              <Select options={event.invitations.map((i) => ({ value: i.memberId, label: i.memberName }))} />
            </Form.Item>
          )}
          <Form.Item name="kind" label="形式">
            <Radio.Group options={Object.entries(SPEECH_KINDS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="body" label="正文">
            <Input.TextArea rows={6} />
          </Form.Item>
          <Upload
            fileList={files.map((f) => ({ uid: f.id, name: f.name, status: 'done' as const }))}
            onRemove={(f) => setFiles(files.filter((x) => x.id !== f.uid))}
            customRequest={async ({ file, onSuccess, onError }) => {
              try {
                const uploaded = await api.upload<{ id: string; name: string }>('/api/v1/files', file as File);
                setFiles((list) => [...list, { id: uploaded.id, name: uploaded.name }]);
                onSuccess?.(uploaded);
              } catch (error) {
                message.error((error as Error).message);
                onError?.(error as Error);
              }
            }}
          >
            <Button icon={<UploadOutlined />}>附件</Button>
          </Upload>
        </Form>
      </Modal>
    </Card>
  );
}

function MinutesCard({ event, onDone }: { event: EventDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const [text, setText] = useState(event.minutes);
  const save = useMutation({
    mutationFn: () => api.put(`/api/v1/activities/events/${event.id}/minutes`, { minutes: text }),
    onSuccess: () => {
      message.success('纪要已保存');
      onDone();
    },
    onError: (error: Error) => message.error(error.message),
  });
  return (
    <Card title="会议纪要">
      {event.organiser ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea rows={5} value={text} onChange={(ev) => setText(ev.target.value)} aria-label="会议纪要" />
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            保存纪要
          </Button>
        </Space>
      ) : (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{event.minutes}</Typography.Paragraph>
      )}
    </Card>
  );
}

function ReportCard({ event, onDone }: { event: EventDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; summary?: string; recommendations: string[] }>();
  const create = useMutation({
    mutationFn: (v: { title: string; summary?: string; recommendations: string[] }) =>
      api.post(`/api/v1/activities/events/${event.id}/report`, { ...v, summary: v.summary ?? '' }),
    onSuccess: () => {
      message.success('成果报告已保存');
      onDone();
    },
    onError: (error: Error) => message.error(error.message),
  });
  const r = event.report;
  if (!r) {
    return (
      <Card title="成果报告（建议报告）">
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => create.mutate(v)}
          initialValues={{ title: `关于${event.title}的建议报告`, recommendations: ['', ''] }}
        >
          <Form.Item name="title" label="报告标题" rules={[{ required: true, message: '请填写标题' }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="summary" label="报告正文">
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.List name="recommendations">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Form.Item key={field.key} label={`建议 ${index + 1}`} required>
                    <Space.Compact style={{ width: '100%' }}>
                      <Form.Item name={field.name} noStyle rules={[{ required: true, message: '请填写建议内容' }]}>
                        <Input.TextArea rows={2} aria-label={`建议 ${index + 1}`} />
                      </Form.Item>
                      {fields.length > 1 && (
                        <Button aria-label="删除建议" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                      )}
                    </Space.Compact>
                  </Form.Item>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add('')} style={{ marginBottom: 12 }}>
                  增加一条建议
                </Button>
              </>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            保存成果报告
          </Button>
        </Form>
      </Card>
    );
  }
  return (
    <Card
      title={
        <Space wrap>
          成果报告 <Tag color="gold">{REPORT_STATES[r.status]}</Tag>
        </Space>
      }
    >
      <Typography.Title level={5}>{r.title}</Typography.Title>
      {r.summary && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.summary}</Typography.Paragraph>}
      {r.recipient && (
        <Typography.Paragraph>
          已于 {formatTime(r.sentAt)} 报送{r.recipient}
        </Typography.Paragraph>
      )}
      <ActionButtons base={`/api/v1/activities/reports/${r.id}`} actions={r.allowedActions} onDone={onDone} />
      <List
        style={{ marginTop: 12 }}
        dataSource={r.recommendations}
        renderItem={(c) => (
          <List.Item style={{ display: 'block' }}>
            <Space wrap>
              <strong>建议{c.no}</strong>
              <Tag>{RECOMMENDATION_STATES[c.status]}</Tag>
            </Space>
            <div style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{c.body}</div>
            {c.responses.map((x) => (
              <div key={x.id} style={{ background: '#fafafa', padding: 8, borderRadius: 6, marginBottom: 6 }}>
                <div style={{ fontSize: 12, color: '#666' }}>
                  {x.respondedBy} · {x.respondedOn}
                </div>
                {x.body}
              </div>
            ))}
            <ActionButtons size="small" base={`/api/v1/activities/recommendations/${c.id}`} actions={c.allowedActions} onDone={onDone} />
          </List.Item>
        )}
      />
      <History entries={r.history} />
    </Card>
  );
}
